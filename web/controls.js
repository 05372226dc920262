// A figure's controls: one field per config key it was asked to show (the
// `controls` attribute), built from the engine's schema, so a new key needs no
// code here. A change goes to onChange(key, value); the element turns that into
// an attribute, which is the state.
// Not here: validation (the engine), what a change does (the element).
import { el } from './dom.js';
import { SLIDER_KEYS } from './figure-model.js';

/**
 * The fields for `keys`. schema: the engine's key specs; config: the first run's
 * full config; preset: the preset attribute; compare: {key, values} or null.
 */
export function buildFields({ keys, schema, config, preset, compare, tr, onChange }) {
  return keys.map((key) => {
    const spec = schema.find((s) => s.name === key);
    const id = `c-${key}`;
    let input;
    if (spec.type === 'choice') {
      input = el('select', { id }, spec.choices.map((c) => el('option', { value: c, text: c })));
      if (key === 'preset') input.prepend(el('option', { value: '', text: '—' }));
    } else if (SLIDER_KEYS.includes(key)) {
      input = el('input', { id, type: 'range', min: spec.min, max: spec.max, step: '1' });
    } else {
      input = el('input', { id, type: 'number', min: spec.min, max: spec.max, inputMode: 'decimal',
        step: spec.type === 'integer' ? '1' : 'any' });
    }
    input.value = key === 'preset' ? (preset || '') : (config[key] ?? spec.default);
    input.title = spec.help;
    input.addEventListener('change', () => onChange(key, input.value));
    if (compare?.key === key) {  // the runs differ in this key: one control cannot show them all
      input.disabled = true;
      input.title = tr('comparedHint', { values: compare.values.join(', ') });
    }
    const name = el('span', { text: tr(`key_${key}`) });
    if (input.type === 'range') {
      // A slider shows its value beside the name, and follows the drag before the change lands.
      const value = el('output', { text: input.value });
      input.addEventListener('input', () => { value.textContent = input.value; });
      name.append(': ', value);
    }
    return el('label', { className: 'field', for: id }, [name, input]);
  });
}
