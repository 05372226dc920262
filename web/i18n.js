// Every string the element shows, in English and Chinese, and the helpers to
// pick a language and fill in {placeholders}. The article's own prose lives in
// index.html; this file is for the figures and their controls.
// A node test fails if a key is missing in either language.

export const LANGS = ['en', 'zh'];

export const STRINGS = {
  en: {
    loading: 'Loading the WebAssembly engine…',
    loadFailed: 'The engine failed to load: {message}',
    badSetting: 'Setting refused: {message}. The figure keeps its previous settings.',
    diverged: 'Training diverged at step {step}: a number became NaN or infinite (the learning rate is probably too large). Press reset, or lower lr.',
    reachedEnd: 'Stopped at step {step} (this figure runs {max} steps). Press play to continue.',
    play: 'Play', pause: 'Pause', step: 'Step', reset: 'Reset', newSeed: 'New seed',
    playHint: 'Start or pause training', stepHint: 'Train {n} steps and stop', resetHint: 'Back to step 0 with the same initial weights',
    newSeedHint: 'New data and new initial weights',
    stepCounter: 'step {n}',
    figure: 'ReLU Lab figure',
    controls: 'Settings',
    panel_activation: 'f(x) and f′(x)', panel_loss: 'Training loss', panel_accuracy: 'Accuracy',
    panel_active: 'Active fraction per layer, over time', panel_layers: 'Active, dead and always-on units by layer',
    panel_paths: 'Active fraction vs open paths, by layer', panel_gradients: 'Gradient norm by layer (log scale)',
    panel_dead: 'Dead units, over time', panel_alpha: 'Negative slope α, over time',
    panel_boundary: 'Decision boundary', panel_regions: 'Linear regions (hidden on/off patterns)',
    panel_curve: 'Fitted curve, with each first-layer unit’s kink',
    axis_step: 'step', axis_layer: 'layer', axis_x: 'x',
    s_train: 'train', s_test: 'test', s_layer: 'layer {l}', s_active: 'active', s_dead: 'dead',
    s_always_on: 'always on', s_paths: 'open paths', s_ref_paths: '2^-N', s_grad_z: '‖∂L/∂z‖ (error signal)',
    s_grad_w: '‖∂L/∂W‖ (weight gradient)', s_mean: 'mean over layers', s_band: 'brain estimates: under 1% to 15% active',
    regions_count: '{n} regions visible', regions_linear: 'one linear region: a linear net has no kink, so its units’ on/off pattern changes nothing',
    no_2d: 'This panel needs 2-D data (not digits).',
    no_1d: 'This panel needs one input: data=curve.',
    curve_note: '{label}{kinks} kinks inside [−1, 1], {pieces} linear pieces',
    curve_note_lower: '{label}{kinks} kinks inside [−1, 1], at least {pieces} linear pieces (counting stopped: a large net)',
    curve_note_smooth: '{label}{act} is smooth: no kinks, no linear pieces',
    curve_note_line: '{label}no kinks: one straight line',
    s_fit: 'fit', s_data: 'data',
    sum_loss: 'Step {step}: training loss {loss}, test loss {test}.',
    sum_accuracy: 'Step {step}: training accuracy {acc}, test accuracy {test}.',
    sum_active: 'Step {step}: active fraction by layer {values}.',
    sum_layers: 'Step {step}: active {active}; dead {dead}; always on {on} (by layer).',
    sum_paths: 'Step {step}: active by layer {active}; open paths by layer {paths}.',
    sum_gradients: 'Step {step}: error-signal norm by layer {values}.',
    sum_dead: 'Step {step}: dead share by layer {values}.',
    sum_alpha: 'Step {step}: mean slope by layer {values}.',
    sum_boundary: 'Step {step}: decision boundary of the network over the input plane; training accuracy {acc}.',
    sum_regions: 'Step {step}: the input plane split into {n} linear regions.',
    sum_curve: 'Step {step}: the fitted curve over x in [−1, 1]: {note}; training loss {loss}.',
    sum_activation: '{act} at x = {x}: f = {f}, f′ = {df}.',
    slider_x: 'x position on the activation plot',
    comparedHint: 'Compared in this figure: {values}', menu: 'Share & export', copyLink: 'Copy link', copied: 'Copied.', copyManual: 'Select the text and copy it.',
    linkLabel: 'Link to this run in the full lab (seed included)', embedLabel: 'Embed code: one script and the element',
    iframeLabel: 'Or as an iframe', copyEmbed: 'Copy embed code', downloadCsv: 'Records (CSV)',
    downloadJson: 'Records (JSON)', downloadPng: 'Chart: {panel} (PNG)',
    key_preset: 'preset', key_data: 'data', key_target: 'target curve', key_points: 'points', key_noise: 'noise', key_test: 'test share',
    key_seed: 'seed', key_depth: 'depth (hidden layers)', key_width: 'width (units)', key_act: 'activation',
    key_alpha: 'α (negative slope)', key_init: 'initialisation', key_bias: 'initial bias', key_loss: 'loss',
    key_opt: 'optimizer', key_lr: 'learning rate', key_batch: 'batch size', key_l1: 'L1 activity penalty',
    key_l2: 'L2 weight decay', key_custom: 'your points',
  },
  zh: {
    loading: '正在加载 WebAssembly 引擎…',
    loadFailed: '引擎加载失败：{message}',
    badSetting: '设置未被接受：{message}。图仍沿用原来的设置。',
    diverged: '训练在第 {step} 步发散：出现了 NaN 或无穷大，多半是学习率太大。请按“重置”，或把学习率调小。',
    reachedEnd: '已在第 {step} 步停下（本图只运行 {max} 步）。按“播放”可以继续训练。',
    play: '播放', pause: '暂停', step: '单步', reset: '重置', newSeed: '换种子',
    playHint: '开始或暂停训练', stepHint: '训练 {n} 步后停下', resetHint: '回到第 0 步，初始权重不变',
    newSeedHint: '换一组数据和初始权重',
    stepCounter: '第 {n} 步',
    figure: 'ReLU Lab 图',
    controls: '设置',
    panel_activation: 'f(x) 与 f′(x)', panel_loss: '训练损失', panel_accuracy: '准确率',
    panel_active: '各层激活比例随时间变化', panel_layers: '各层的激活单元、死亡单元与恒激活单元',
    panel_paths: '各层激活比例与开放通路比例', panel_gradients: '各层梯度范数（对数坐标）',
    panel_dead: '死亡单元随时间变化', panel_alpha: '负半轴斜率 α 随时间变化',
    panel_boundary: '决策边界', panel_regions: '线性区域（隐藏单元的开关模式）',
    panel_curve: '拟合曲线，并标出第一层每个单元的拐点',
    axis_step: '步数', axis_layer: '层', axis_x: 'x',
    s_train: '训练集', s_test: '测试集', s_layer: '第 {l} 层', s_active: '激活', s_dead: '死亡',
    s_always_on: '恒激活', s_paths: '开放通路', s_ref_paths: '2^-N', s_grad_z: '‖∂L/∂z‖（误差信号）',
    s_grad_w: '‖∂L/∂W‖（权重梯度）', s_mean: '各层平均', s_band: '对大脑的估计：同时活跃的神经元不到 1% 至 15%',
    regions_count: '可见 {n} 个线性区域', regions_linear: '只有一个线性区域：线性网络没有拐点，单元的开关模式什么也不改变',
    no_2d: '这个面板需要二维输入；手写数字有 64 维，无法画在平面上。',
    no_1d: '这个面板需要一维输入：data=curve。',
    curve_note: '{label}[−1, 1] 内有 {kinks} 个拐点，共 {pieces} 段线性',
    curve_note_lower: '{label}[−1, 1] 内有 {kinks} 个拐点，至少 {pieces} 段线性（网络太大，停止计数）',
    curve_note_smooth: '{label}{act} 是光滑函数：没有拐点，也不分段',
    curve_note_line: '{label}没有拐点：一条直线',
    s_fit: '拟合', s_data: '数据',
    sum_loss: '第 {step} 步：训练损失 {loss}，测试损失 {test}。',
    sum_accuracy: '第 {step} 步：训练准确率 {acc}，测试准确率 {test}。',
    sum_active: '第 {step} 步：各层激活比例 {values}。',
    sum_layers: '第 {step} 步：各层激活比例 {active}；死亡比例 {dead}；恒激活比例 {on}。',
    sum_paths: '第 {step} 步：各层激活比例 {active}；各层开放通路比例 {paths}。',
    sum_gradients: '第 {step} 步：各层误差信号范数 {values}。',
    sum_dead: '第 {step} 步：各层死亡比例 {values}。',
    sum_alpha: '第 {step} 步：各层平均斜率 {values}。',
    sum_boundary: '第 {step} 步：网络在输入平面上的决策边界；训练准确率 {acc}。',
    sum_regions: '第 {step} 步：输入平面被分成 {n} 个线性区域。',
    sum_curve: '第 {step} 步：x 在 [−1, 1] 上的拟合曲线：{note}；训练损失 {loss}。',
    sum_activation: '{act} 在 x = {x}：f = {f}，f′ = {df}。',
    slider_x: '激活函数图上的 x 位置',
    comparedHint: '本图比较的取值：{values}', menu: '分享与导出', copyLink: '复制链接', copied: '已复制。', copyManual: '请选中文字后复制。',
    linkLabel: '在完整实验台中复现这次运行的链接（含随机种子）', embedLabel: '嵌入代码：一个脚本加一个元素',
    iframeLabel: '或者用 iframe', copyEmbed: '复制嵌入代码', downloadCsv: '记录（CSV）',
    downloadJson: '记录（JSON）', downloadPng: '图表：{panel}（PNG）',
    key_preset: '预设', key_data: '数据', key_target: '目标曲线', key_points: '样本数', key_noise: '噪声', key_test: '测试比例',
    key_seed: '随机种子', key_depth: '深度（隐藏层数）', key_width: '宽度（单元数）', key_act: '激活函数',
    key_alpha: 'α（负半轴斜率）', key_init: '初始化', key_bias: '初始偏置', key_loss: '损失',
    key_opt: '优化器', key_lr: '学习率', key_batch: '批大小', key_l1: 'L1 激活惩罚',
    key_l2: 'L2 权重衰减', key_custom: '自己的样本',
  },
};

/** 'zh' or 'en': the explicit choice if valid, else the first browser language we have. */
export function pickLang(explicit, browserLanguages = []) {
  if (LANGS.includes(explicit)) return explicit;
  for (const l of browserLanguages) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

/** The string for key in lang with {name} placeholders filled; falls back to English. */
export function t(lang, key, vars = {}) {
  const table = STRINGS[lang] || STRINGS.en;
  const text = table[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}
