// A figure's controls: one field per config key it was asked to show (the
// `controls` attribute), built from the engine's schema, so a new key needs no
// code here. A change goes to onChange(key, value); the element turns that into
// an attribute, which is the state. A lazily loaded part (relu-lab-controls.js, web/code-parts.js):
// a figure without controls never loads it.
// Not here: validation (the engine), what a change does (the element).
import { el } from './dom.js';
import { SLIDER_KEYS, alphaMatters, targetMatters, pointsMatter, noiseMatters, compareAttribute } from './figure-model.js';
import { PANELS } from './panels.js';

/**
 * The fields for `keys`. schema: the engine's key specs; config: the first run's
 * full config; preset: the preset attribute; compare: {key, values} or null.
 */
export function buildFields({ keys, schema, config, preset, compare, tr, onChange, activations = [], acts = [], datas = [] }) {
  // `custom` is edited on the decision map (relu-demo.js), not in a field.
  return keys.filter((key) => key !== 'custom').map((key) => {
    const spec = schema.find((s) => s.name === key);
    if (spec.list && compare?.key !== key) {
      return layerWidths({ spec, maxLayers: schema.find((s) => s.name === 'depth').max, config, tr, onChange });
    }
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
    const field = el('label', { className: `field field-${key}`, for: id }, [name, input]);
    // alpha is the negative slope of leaky and prelu; for other activations it changes nothing.
    if (key === 'alpha') field.hidden = !alphaMatters(acts, activations);
    if (key === 'target') field.hidden = !targetMatters(datas);  // only data=curve has a target curve
    if (key === 'points') field.hidden = !pointsMatter(datas);
    if (key === 'noise') field.hidden = !noiseMatters(datas);
    return field;
  });
}

/**
 * The view controls: `panels` (a checkbox per panel) and `compare` (a key and its
 * values). onView(name, value) gets the new attribute value, or null to remove it.
 */
export function buildViewFields({ keys, panels, shown = panels.length, compare, configKeys, tr, onView, panelsOpen = false,
  onPanelsToggle = () => {} }) {
  return keys.map((key) => {
    if (key === 'panels') {
      const boxes = PANELS.map((p) => {
        const input = el('input', { type: 'checkbox', value: p, checked: panels.includes(p) });
        input.addEventListener('change', () => {  // keep the panels' order; a new one goes last
          const chosen = input.checked ? [...panels.filter((q) => q !== p), p] : panels.filter((q) => q !== p);
          onView('panels', chosen.length ? chosen.join(',') : null);
        });
        return input;
      });
      const details = el('details', { className: 'field view-panels', open: panelsOpen }, [
        el('summary', { text: tr('view_panels', { n: shown }) }),  // what is drawn (the lab leaves out what the data cannot fill)
        el('div', { className: 'panel-choices' }, boxes.map((b) => el('label', { className: 'toggle' },
          [b, ' ', tr(`panel_${b.value}`)]))),
      ]);
      details.addEventListener('toggle', () => onPanelsToggle(details.open));
      return details;
    }
    // compare: which key differs between the runs, and its values.
    const select = el('select', { id: 'v-compare-key' },
      [el('option', { value: '', text: tr('compare_none') }), ...configKeys.filter((k) => k !== 'seed')
        .map((k) => el('option', { value: k, text: tr(`key_${k}`) }))]);
    select.value = compare ? compare.key : '';
    const values = el('input', { id: 'v-compare-values', type: 'text', value: compare ? compare.values.join(', ') : '',
      placeholder: tr('compare_values_hint') });
    values.setAttribute('aria-label', tr('compare_values'));
    const apply = () => onView('compare', compareAttribute(select.value, values.value));
    select.addEventListener('change', () => { if (!select.value || values.value.trim()) apply(); else values.focus(); });
    values.addEventListener('change', apply);
    return el('div', { className: 'field view-compare' }, [
      el('label', { for: 'v-compare-key', text: tr('compare_label') }), select, values]);
  });
}

/** The widths of the hidden layers, 'width=8,8,4' -> [8, 8, 4] (one number: every layer). */
export function widthList(config) {
  const depth = Number(config.depth ?? 2);
  const list = String(config.width ?? '8').split(',').map(Number);
  return list.length > 1 ? list : Array.from({ length: depth }, () => list[0]);
}

/** The widths of `config` as a list of `depth` layers: cut, or grown by repeating the last width (8 for none). */
export function resizedWidths(config, depth) {
  const widths = widthList(config);
  return Array.from({ length: Math.max(0, depth) }, (_, i) => widths[Math.min(i, widths.length - 1)] ?? 8);
}

/**
 * A list key (width): one row per hidden layer with - and + buttons (halving and
 * doubling, as Playground's units go 1, 2, 4, ...), and buttons to add or remove a
 * layer. A change sends the whole list: onChange('width', '8,8,4'); depth follows.
 */
function layerWidths({ spec, maxLayers, config, tr, onChange }) {
  const widths = widthList(config);  // maxLayers: the top of depth's range in the engine's schema
  const send = (list) => onChange(spec.name, list.join(','));
  const button = (text, title, disabled, onclick) => el('button', { type: 'button', className: 'width-step', text, title,
    disabled, onclick });
  const rows = widths.map((w, l) => el('div', { className: 'layer-row' }, [
    el('span', { className: 'layer-name', text: tr('layerWidth', { l: l + 1 }) }),
    button('−', tr('widthLess', { l: l + 1 }), w <= spec.min, () => send(widths.map((v, i) => (i === l ? Math.max(spec.min, Math.ceil(v / 2)) : v)))),
    el('output', { className: 'layer-units', text: String(w), ariaLabel: tr('widthUnits', { l: l + 1, n: w }) }),
    button('+', tr('widthMore', { l: l + 1 }), w >= spec.max, () => send(widths.map((v, i) => (i === l ? Math.min(spec.max, v * 2) : v)))),
  ]));
  const layers = el('div', { className: 'layer-row' }, [
    button(tr('layerAdd'), tr('layerAddHint'), widths.length >= maxLayers, () => send([...widths, widths[widths.length - 1] ?? 8])),
    button(tr('layerRemove'), tr('layerRemoveHint'), widths.length === 0, () => send(widths.slice(0, -1))),
  ]);
  return el('div', { className: 'field widths', role: 'group', ariaLabel: tr('key_width'), title: spec.help },
    [el('span', { text: tr('key_width') }), ...rows, layers]);
}
