// The article's own text (index.html), in English and Chinese. Elements carry
// data-i18n="key" (plain text) or data-i18n-html="key" (our own markup: links,
// emphasis, citations, and live numbers). A node test fails if a key is missing
// in either language.
//
// Honesty rule: a number that describes a result of a figure is never typed
// here. It is a live span that page.js fills from the running figure:
//   <span class="live" data-fig="FIGURE_ID" data-run="RUN" data-field="FIELD" data-format="FORMAT"></span>
// (field grammar and formats: web/live.js). Numbers from papers appear as <q>quotes</q>
// next to their source. index.html carries the English text, so the page reads
// right before the script runs.
export const PAGE_STRINGS = {
  en: {
    title: 'ReLU Lab: testing the claims about ReLU, live',
    heading: 'ReLU Lab',
    tagline: 'Every claim about the ReLU activation, tested live in your browser.',
    noscript: 'ReLU Lab needs JavaScript and WebAssembly.',
    hashErrors: 'Some settings in the link were ignored:',

    hero_lead: 'Right now a ReLU network is learning the circle data in your browser: each square is a hidden unit, blue where it is on, linked by its weights (blue +, red −); <a href="#expressiveness">section 5</a> explains it.',
    intro_1: 'A popular Chinese blog post, <cite>ReLU激活函数：简单之美</cite> (“The ReLU activation function: the beauty of simplicity”), lists what makes ReLU good. This page takes its claims one by one and tests each in front of you. Some hold, some need a footnote, and one is simply wrong.',
    intro_2: 'Every chart is a small neural network training right now, in your browser: C++ compiled to WebAssembly, nothing precomputed. Numbers in bold are read from the running figures, so they change as the networks train and when you change a setting.',
    intro_3: 'All figures share the same buttons: <em>Play</em>/<em>Pause</em> starts and stops training, <em>Step</em> trains a few steps and stops, <em>Reset</em> goes back to step 0 with the same initial weights, and <em>New seed</em> draws new data and new weights. A figure pauses while it is scrolled out of view. A new seed gives slightly different numbers, so try a few: a verdict that held for one seed only would not be worth much.',

    toc_title: 'Contents',

    h_what_relu: '1. What ReLU is',
    what_relu_1: '<strong>The claim.</strong> ReLU is <code>f(x) = max(0, x)</code>: positive inputs pass unchanged, negative ones become zero. It is piecewise linear, and the blog calls the flat left half “one-sided inhibition”. The name and its use in deep learning go back to Nair &amp; Hinton (2010), who used rectified linear units in restricted Boltzmann machines.',
    what_relu_2: 'In the figure, the shaded left half is that inhibition: there both f and its slope f′ are zero. At x = 0 the slope is not defined mathematically; here relu′(0) is defined as 0, as in PyTorch and TensorFlow. Drag along the plot to move x, or focus it and use the arrow keys. The menu switches to other activations: leaky ReLU and PReLU keep a small slope on the left, ELU (Clevert et al. 2015) bends smoothly towards −1, softplus is a smooth ReLU.',
    what_relu_verdict: '<strong>Verdict: exact.</strong> ReLU is max(0, x), two straight pieces joined at zero.',

    h_sparsity: '2. Sparse activation',
    sparsity_1: '<strong>The claim.</strong> Because ReLU outputs zero for every negative input, many units are zero at once: the network’s activity is sparse.',
    sparsity_2: 'The figure trains a 6-layer ReLU network, 32 units per layer, on the two-spiral data. The first chart follows the share of active units (output above zero) in each layer over time. The second shows, layer by layer, the share of units that are active, dead and always on.',
    sparsity_3: 'At step 0, before any training, <span class="live" data-fig="fig-sparse" data-field="first.mean.active" data-format="pct"></span> of the units are active, averaged over inputs and layers: about half. That is no accident. The biases start at zero and the weights are drawn symmetrically around zero, so each unit’s input is as likely to be negative as positive.',
    sparsity_4: 'Now, at step <span class="live" data-fig="fig-sparse" data-field="step" data-format="int"></span>, <span class="live" data-fig="fig-sparse" data-field="mean.active" data-format="pct"></span> are active, <span class="live" data-fig="fig-sparse" data-field="mean.dead" data-format="pct"></span> of the units are dead and <span class="live" data-fig="fig-sparse" data-field="mean.always_on" data-format="pct"></span> are always on (means over layers).',
    sparsity_5: 'Sparse is not the same as dead. A sparse unit is off for some inputs and on for others; which units are on depends on the input, and that pattern carries information. A dead unit is zero for <em>every</em> input: it passes no signal and, its slope being zero too, gets no gradient.',
    sparsity_verdict: '<strong>Verdict: true at initialisation,</strong> where about half of the units are zero for any given input. After training it depends on the network and the data: on the digits in section 8, training makes the net less sparse. In this figure much of what training adds is not sparsity but death: at step <span class="live" data-fig="fig-sparse" data-field="step" data-format="int"></span>, <span class="live" data-fig="fig-sparse" data-field="mean.dead" data-format="pct"></span> of the units are dead. Glorot et al. (2011) measured <q>68–83%</q> zeros, but with an L1 penalty on the activations (<a href="#digits">section 8</a>).',

    h_two_n: '3. Does activity halve with every layer?',
    two_n_1: '<strong>The claim.</strong> The blog says that if a network gets N layers deeper, its activation rate drops by a factor of 2<sup>N</sup>.',
    two_n_2: 'No training needed: a 12-layer ReLU network, 64 units per layer, gets Gaussian noise as input and is measured at initialisation. Compare two curves: the share of active units per layer, and the share of open paths. The numbers below are read at step 0. Depth goes up to 20; the init menu offers He, Xavier, LeCun, a small fixed scale, and zero (all weights 0: every pre-activation is exactly 0, so every unit is off).',
    two_n_3: 'The share of active units does not fall with depth. It is <span class="live" data-fig="fig-two-n" data-field="first.L1.active" data-format="pct"></span> in layer 1 and <span class="live" data-fig="fig-two-n" data-field="first.L-1.active" data-format="pct"></span> in the last layer, and stays between <span class="live" data-fig="fig-two-n" data-field="first.min.active" data-format="pct"></span> and <span class="live" data-fig="fig-two-n" data-field="first.max.active" data-format="pct"></span> across all layers.',
    two_n_4: 'What falls is the other curve. A path from the input to a layer is open when every unit along it is on. In the last layer the share of open paths is <span class="live" data-fig="fig-two-n" data-field="first.L-1.path_share" data-format="exp"></span>, close to 2<sup>−N</sup> = <span class="live" data-fig="fig-two-n" data-field="first.halving" data-format="exp"></span>.',
    two_n_5: 'That is where 2<sup>N</sup> comes from. If each unit fires with probability one half, the chance that N given units in a row all fire is 2<sup>−N</sup>. It describes paths, not how many units in a layer are active.',
    two_n_6: 'Now switch the initialisation. With zero biases, He, Xavier, LeCun and small give the same active fractions. A ReLU network is positively homogeneous: multiply the weights by a positive number and every pre-activation is scaled, but none changes sign. The init changes only magnitudes, which these charts do not show. With Xavier init the signal’s power halves at every layer; He init doubles the weight variance to make up for it (Glorot &amp; Bengio 2010; He et al. 2015). <a href="#vanishing">Section 6</a> shows what that does to the gradients.',
    two_n_7: 'One more thing to see in the second chart: deep nets at initialisation already hold dead units, and about as many always-on ones. Averaged over layers, <span class="live" data-fig="fig-two-n" data-field="first.mean.dead" data-format="pct"></span> of the units are dead and <span class="live" data-fig="fig-two-n" data-field="first.mean.always_on" data-format="pct"></span> always on; the deeper the layer, the more of both. In the last layer the two shares are <span class="live" data-fig="fig-two-n" data-field="first.L-1.dead" data-format="pct"></span> and <span class="live" data-fig="fig-two-n" data-field="first.L-1.always_on" data-format="pct"></span>. The previous layer’s outputs are never negative, so a unit’s input carries an offset shared by all inputs; when it dominates, the unit is off for every input or on for every input. An always-on unit is just a linear unit.',
    two_n_verdict: '<strong>Verdict: false as a per-layer rate.</strong> Each layer stays about half active at any depth. What falls as 2<sup>−N</sup> is the share of open input-to-layer paths.',

    h_brain: '4. The brain analogy',
    brain_1: '<strong>The claim.</strong> The brain is sparse too: only 1–4% of neurons are active at once, the blog says, citing Attwell &amp; Laughlin (2001) and Lennie (2003).',
    brain_2: 'The sources say something a little different. Lennie estimates from the energy cost of a spike that the share of human cortical neurons that can be substantially active at once is limited, <q>possibly to fewer than 1%</q>. Attwell &amp; Laughlin’s energy budget for rodent grey matter predicts codes with <q>≤15%</q> of neurons active at once. The figure of <q>1–4%</q> is how Glorot et al. (2011) summed up the two.',
    brain_3: 'The shaded band on the chart spans that range, from under 1% to 15%. The lines are a 4-layer ReLU network training on the spiral data.',
    brain_4: 'At step 0 its layers are <span class="live" data-fig="fig-brain" data-field="first.mean.active" data-format="pct"></span> active on average; now <span class="live" data-fig="fig-brain" data-field="mean.active" data-format="pct"></span>. Firing-rate models in neuroscience do use a rectifying, threshold-linear response, since a firing rate cannot be negative (Dayan &amp; Abbott 2001). The shape is a fair match; the numbers are not.',
    brain_verdict: '<strong>Verdict: an analogy only.</strong> A ReLU network starts near 50% active, far from the brain’s estimates, and the cited papers say under 1% to at most 15%, not 1–4%.',

    h_expressive: '5. Expressiveness',
    expressive_1: '<strong>The claim.</strong> With a nonlinearity such as ReLU, a network can represent functions that a linear model cannot.',
    expressive_2: 'Two networks train side by side on the XOR data; the data menu switches to circle and spiral. They are identical except for the activation: the first has none (linear), the second uses ReLU. Watch the decision boundaries, then the region maps.',
    expressive_3: 'However many linear layers you stack, their composition is still one affine map, so the linear network’s boundary is a straight line. No straight line separates XOR: the linear network’s training accuracy is <span class="live" data-fig="fig-expressive" data-run="0" data-field="acc" data-format="pct"></span>. The ReLU network bends its boundary and reaches <span class="live" data-fig="fig-expressive" data-run="1" data-field="acc" data-format="pct"></span>.',
    expressive_4: 'The region map shows how. Colour every point of the input plane by the on/off pattern of the hidden units and you get patches. Inside one patch the ReLU network is a single affine map, so each colour is one linear piece; the figure prints how many are visible. The linear network’s map has patches too, since its units still have a sign, but there the sign changes nothing: the whole plane is one affine map.',
    expressive_verdict: '<strong>Verdict: true.</strong> A stack of linear layers is one affine map at any depth. With ReLU in between, the network is piecewise linear with many pieces, and can bend its boundary around the data.',

    h_vanishing: '6. Vanishing gradients',
    vanishing_1: '<strong>The claim.</strong> ReLU’s slope is 1 for positive inputs, so gradients do not vanish in deep networks, while sigmoid’s slope is at most 0.25, so the error shrinks at every layer.',
    vanishing_2: 'Three networks of 10 layers, 32 units each, train on the circle data with He initialisation: ReLU, sigmoid and tanh. For each layer the chart shows the size of the back-propagated error signal ‖∂L/∂z‖ (solid) and of the weight gradient ‖∂L/∂W‖ (dashed), on a log axis. Layer 1 is next to the input.',
    vanishing_3: 'At step 0, ReLU’s error signal is flat: from the first hidden layer to the last it changes by only <span class="live" data-fig="fig-vanishing" data-run="0" data-field="first.ratio.grad_z" data-format="times"></span>. Sigmoid’s shrinks by <span class="live" data-fig="fig-vanishing" data-run="1" data-field="first.rate.grad_z" data-format="times"></span> per layer on the way back to the input. Its slope is at most 0.25 (reached at zero), so the slope alone would shrink the error 4-fold per layer; the measured factor is not far from that. Tanh, whose slope is 1 at zero, keeps the signal: last ÷ first is <span class="live" data-fig="fig-vanishing" data-run="2" data-field="first.ratio.grad_z" data-format="times"></span>.',
    vanishing_4: 'During training the curves shift: ReLU’s last ÷ first is now <span class="live" data-fig="fig-vanishing" data-run="0" data-field="ratio.grad_z" data-format="times"></span> (below ×1, the layers near the input get the larger signal), sigmoid’s per-layer factor <span class="live" data-fig="fig-vanishing" data-run="1" data-field="rate.grad_z" data-format="times"></span>. At step <span class="live" data-fig="fig-vanishing" data-run="0" data-field="step" data-format="int"></span> the sigmoid network’s loss is <span class="live" data-fig="fig-vanishing" data-run="1" data-field="loss" data-format="num"></span>, against <span class="live" data-fig="fig-vanishing" data-run="0" data-field="loss" data-format="num"></span> for ReLU; a 50/50 guess scores ln 2 ≈ 0.693.',
    vanishing_5: 'Now switch the init to Xavier and watch ReLU’s per-layer factor at step 0, now <span class="live" data-fig="fig-vanishing" data-run="0" data-field="first.rate.grad_z" data-format="times"></span>. It becomes about √2 ≈ 1.4, because Xavier’s variance is half of what a ReLU layer needs (He et al. 2015). With the small init the signal vanishes outright, ReLU or not. And relu′ is 1 only on active units; on the others it is 0.',
    vanishing_verdict: '<strong>Verdict: half true.</strong> relu′ is 1 only where a unit is active, and the error signal stays flat only with He init: with Xavier it still shrinks about √2 per layer, with a tiny init it vanishes. Sigmoid does come close to its 0.25 bound.',

    h_dead: '7. Dead ReLUs',
    dead_1: '<strong>The claim.</strong> A large learning rate can push a ReLU unit into a state where it outputs zero for every input and never recovers: a “dead ReLU”. Leaky ReLU, PReLU or Maxout are offered as the fix.',
    dead_2: 'Three copies of a 4-layer network, 16 units per layer, train on the circle data with momentum 0.9, at learning rates 0.01, 0.1 and 1. The first chart follows the share of dead units over time, one line per learning rate.',
    dead_3: 'At lr 1, <span class="live" data-fig="fig-dead-lr" data-run="2" data-field="mean.dead" data-format="pct"></span> of the units are dead (mean over layers), and the network learns nothing: its training accuracy is <span class="live" data-fig="fig-dead-lr" data-run="2" data-field="acc" data-format="pct"></span>, near chance. At 0.01 and 0.1 few die: <span class="live" data-fig="fig-dead-lr" data-run="0" data-field="mean.dead" data-format="pct"></span> and <span class="live" data-fig="fig-dead-lr" data-run="1" data-field="mean.dead" data-format="pct"></span>.',
    dead_4: 'Death is not always final. A unit in layer 3 gets its input from layers that keep learning, so it can come back to life. At lr 0.1, layer 3 had <span class="live" data-fig="fig-dead-lr" data-run="1" data-field="peak.L3.dead" data-format="pct"></span> dead units at its worst, and has <span class="live" data-fig="fig-dead-lr" data-run="1" data-field="L3.dead" data-format="pct"></span> now.',

    h_dead_leaky: 'Does a leaky slope help?',
    dead_5: 'The second figure keeps the far too large learning rate (1, with momentum) and changes only the activation: ReLU, leaky ReLU with slope 0.01 (Maas et al. 2013), and PReLU, whose slope is learned and starts at 0.25 (He et al. 2015). For leaky and PReLU units, “dead” means stuck in the negative regime for every input.',
    dead_6: 'Leaky units get stuck just as often: <span class="live" data-fig="fig-dead-act" data-run="1" data-field="mean.dead" data-format="pct"></span> of them, against <span class="live" data-fig="fig-dead-act" data-run="0" data-field="mean.dead" data-format="pct"></span> for ReLU. Their small slope does pass a gradient, but it is too weak to pull them back. PReLU does not survive at all here: its run diverges, and the figure says so.',
    dead_7: 'What works is the plain fix: a smaller learning rate, as the first figure shows. Initialisation matters too: Lu et al. (2019) show how deep, narrow ReLU networks can be born dead, and propose a remedy.',
    dead_verdict: '<strong>Verdict: the first half reproduces; the remedy only partly.</strong> A far too large learning rate kills most ReLU units; at that rate leaky units fare no better and PReLU diverges. The cure is a lower learning rate. Deeper units can come back.',

    h_digits: '8. Real data: handwritten digits',
    digits_1: '<strong>Beyond the blog.</strong> Toy data can mislead, so this figure uses real data: 1,797 handwritten digits of 8×8 pixels. A ReLU network with two hidden layers of 64 units (64 → 64 → 64 → 10) learns to read them with Adam.',
    digits_2: 'The three runs differ only in an L1 penalty on the activations, which adds to the loss the strength times the sum of the absolute activations, so every unit pays for how strongly it is on: 0, 0.001 and 0.1. Watch test accuracy and the active fraction.',
    digits_3: 'Without a penalty, training does not make the net sparser. It starts at <span class="live" data-fig="fig-digits" data-run="0" data-field="first.mean.active" data-format="pct"></span> active and ends less sparse, at <span class="live" data-fig="fig-digits" data-run="0" data-field="mean.active" data-format="pct"></span>.',
    digits_4: 'With a penalty of 0.001 the active share keeps falling as training goes on: <span class="live" data-fig="fig-digits" data-run="1" data-field="mean.active" data-format="pct"></span> at step <span class="live" data-fig="fig-digits" data-run="1" data-field="step" data-format="int"></span>. Glorot et al.’s <q>68–83%</q> zeros mean 17–32% active; this run gets there by the end of its 1,500 steps. Test accuracy barely moves: <span class="live" data-fig="fig-digits" data-run="1" data-field="test_acc" data-format="pct1"></span> against <span class="live" data-fig="fig-digits" data-run="0" data-field="test_acc" data-format="pct1"></span> without it.',
    digits_5: 'Ask for too much and you get it: at 0.1, <span class="live" data-fig="fig-digits" data-run="2" data-field="mean.dead" data-format="pct"></span> of the units are dead and test accuracy falls to <span class="live" data-fig="fig-digits" data-run="2" data-field="test_acc" data-format="pct1"></span>.',
    digits_verdict: '<strong>Verdict: sparsity is something you can ask for, not something ReLU gives you for free.</strong> And sparser is not always better.',

    h_misconceptions: 'Common misconceptions',
    mis_intro: 'Four ideas that come up again and again, and where this page tests each:',
    mis_sparse_dead: '<strong>Sparse is not dead.</strong> A sparse unit is off for some inputs; a dead unit is off for all of them. Deep nets at initialisation even hold about as many always-on units as dead ones. See <a href="#sparsity">section 2</a> and <a href="#two-to-the-n">section 3</a>.',
    mis_init: '<strong>A smaller init does not make a ReLU net sparser.</strong> With zero biases, scaling the weights scales every pre-activation and flips none, so the same units fire; only magnitudes change. See <a href="#two-to-the-n">section 3</a>.',
    mis_softplus: '<strong>Softplus is not a drop-in ReLU for deep nets.</strong> Its slope is below 1 everywhere and only 0.5 at zero (pick it in <a href="#what-relu">section 1</a>), so He init, derived for ReLU, no longer keeps the error signal flat. Try it in <a href="#your-turn">the lab</a>: preset vanishing, activation softplus.',
    mis_sparser: '<strong>Sparser is not always better.</strong> A mild activation penalty buys sparsity almost for free; a strong one kills most units and costs accuracy. See <a href="#digits">section 8</a>.',

    lab_title: '9. Your turn: the full lab',
    lab_intro: 'Every setting of the engine. The address bar keeps the state: copy the link to share exactly this run, seed included.',
    lab_tip: 'A good habit: change one thing at a time, press <em>Reset</em>, and watch which curve moves. The presets menu loads the setting of every figure above.',

    h_embed: 'Put a figure in your own page',
    embed_1: 'Every figure on this page is a <code>&lt;relu-demo&gt;</code> element, and you can use it in your own article. Load the script once, then add a tag with a preset and the panels you want:',
    embed_2: 'If your blog does not allow scripts, use an iframe instead:',
    embed_3: 'Replace YOUR-HOST with the address where you host ReLU Lab’s built files. Every attribute, preset and panel is listed in the README, in the section <a href="README.md#embed-in-your-blog">Embed in your blog</a>.',

    h_sources: 'Sources',

    src_glorot2011: 'Glorot, X., Bordes, A. &amp; Bengio, Y. (2011). <cite>Deep Sparse Rectifier Neural Networks</cite>. Proceedings of the 14th International Conference on Artificial Intelligence and Statistics (AISTATS), PMLR 15, 315–323. <a href="https://proceedings.mlr.press/v15/glorot11a.html">proceedings.mlr.press</a>',
    src_nair2010: 'Nair, V. &amp; Hinton, G. E. (2010). <cite>Rectified Linear Units Improve Restricted Boltzmann Machines</cite>. Proceedings of the 27th International Conference on Machine Learning (ICML), 807–814.',
    src_glorot2010: 'Glorot, X. &amp; Bengio, Y. (2010). <cite>Understanding the difficulty of training deep feedforward neural networks</cite>. Proceedings of the 13th International Conference on Artificial Intelligence and Statistics (AISTATS), PMLR 9, 249–256. The Xavier initialisation. <a href="https://proceedings.mlr.press/v9/glorot10a.html">proceedings.mlr.press</a>',
    src_he2015: 'He, K., Zhang, X., Ren, S. &amp; Sun, J. (2015). <cite>Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification</cite>. IEEE International Conference on Computer Vision (ICCV). The He initialisation, and PReLU with initial slope a = 0.25. <a href="https://arxiv.org/abs/1502.01852">arXiv:1502.01852</a>',
    src_maas2013: 'Maas, A. L., Hannun, A. Y. &amp; Ng, A. Y. (2013). <cite>Rectifier Nonlinearities Improve Neural Network Acoustic Models</cite>. ICML Workshop on Deep Learning for Audio, Speech and Language Processing. Leaky ReLU, slope 0.01.',
    src_clevert2015: 'Clevert, D.-A., Unterthiner, T. &amp; Hochreiter, S. (2015). <cite>Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)</cite>. arXiv preprint; ICLR 2016. <a href="https://arxiv.org/abs/1511.07289">arXiv:1511.07289</a>',
    src_lu2019: 'Lu, L., Shin, Y., Su, Y. &amp; Karniadakis, G. E. (2019). <cite>Dying ReLU and Initialization: Theory and Numerical Examples</cite>. arXiv preprint. <a href="https://arxiv.org/abs/1903.06733">arXiv:1903.06733</a>',
    src_attwell2001: 'Attwell, D. &amp; Laughlin, S. B. (2001). <cite>An energy budget for signaling in the grey matter of the brain</cite>. Journal of Cerebral Blood Flow and Metabolism 21(10), 1133–1145. <a href="https://doi.org/10.1097/00004647-200110000-00001">doi:10.1097/00004647-200110000-00001</a>',
    src_lennie2003: 'Lennie, P. (2003). <cite>The cost of cortical computation</cite>. Current Biology 13(6), 493–497. <a href="https://doi.org/10.1016/S0960-9822(03)00135-0">doi:10.1016/S0960-9822(03)00135-0</a>',
    src_dayan2001: 'Dayan, P. &amp; Abbott, L. F. (2001). <cite>Theoretical Neuroscience: Computational and Mathematical Modeling of Neural Systems</cite>. MIT Press.',
    src_blog: 'The blog post this page discusses: <cite>ReLU激活函数：简单之美</cite> (“The ReLU activation function: the beauty of simplicity”). Its claims are paraphrased here, not quoted.',

    footer_top: 'Back to the contents',
    footer_data: 'Digits: UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998), CC BY 4.0.',
  },
  zh: {
    title: 'ReLU Lab：现场检验关于 ReLU 的说法',
    heading: 'ReLU Lab',
    tagline: '关于 ReLU 激活函数的每一个说法，都在你的浏览器里现场检验。',
    noscript: 'ReLU Lab 需要 JavaScript 和 WebAssembly。',
    hashErrors: '链接中的部分设置被忽略：',

    hero_lead: '此刻，一个 ReLU 网络正在你的浏览器里学习圆形数据：每个小方块是一个隐藏单元，蓝色是它开启的区域，连线是权重（蓝正红负）；<a href="#expressiveness">第 5 节</a>解释其中道理。',
    intro_1: '网上有一篇流传很广的中文博客《ReLU激活函数：简单之美》，列举了 ReLU 的种种好处。本页把其中的说法一条条拿出来，当着你的面检验：有的站得住，有的要加个注脚，有一条干脆是错的。',
    intro_2: '页面上的每张图，都是一个此刻正在你浏览器里训练的小型神经网络。引擎是编译成 WebAssembly 的 C++，没有任何事先算好的结果。正文里的粗体数字是从运行中的图里实时读出来的：网络在训练，它们就在变；你改了设置，它们也跟着变。',
    intro_3: '每张图的按钮都一样：<em>播放</em>/<em>暂停</em>开始或停止训练；<em>单步</em>训练几步后停下；<em>重置</em>回到第 0 步，初始权重不变；<em>换种子</em>换一组数据和初始权重。图滚出屏幕时会自动暂停。换个种子，数字会略有出入，不妨多试几个——只在某一个种子上成立的结论，并不可信。',

    toc_title: '目录',

    h_what_relu: '1. ReLU 是什么',
    what_relu_1: '<strong>说法：</strong>ReLU 就是 <code>f(x) = max(0, x)</code>：正的输入原样通过，负的输入一律变成零。它是分段线性的，博客把左边恒为零的那一段称作“单侧抑制”。这个名字以及它在深度学习中的流行，可以追溯到 Nair 与 Hinton（2010）在受限玻尔兹曼机里使用的“修正线性单元”。',
    what_relu_2: '图中带阴影的左半边就是这种抑制：那里 f 和它的斜率 f′ 都是零。在 x = 0 处，导数在数学上没有定义；本页与 PyTorch、TensorFlow 一样，规定 relu′(0) = 0。在图上拖动可以移动 x，也可以先选中图，再用方向键。菜单可以换成别的激活函数：Leaky ReLU 和 PReLU 在左边保留一点斜率，ELU（Clevert 等，2015）平滑地弯向 −1，softplus 是光滑版的 ReLU。',
    what_relu_verdict: '<strong>结论：完全正确。</strong>ReLU 就是 max(0, x)，由两段直线在零点拼接而成。',

    h_sparsity: '2. 稀疏激活',
    sparsity_1: '<strong>说法：</strong>ReLU 对所有负输入都输出零，因此总有许多单元同时为零，网络的激活是稀疏的。',
    sparsity_2: '这张图在双螺旋数据上训练一个 6 层、每层 32 个单元的 ReLU 网络。第一张图跟踪各层激活单元（输出大于零）所占比例随时间的变化；第二张图逐层给出激活、死亡和常开单元各占多少。',
    sparsity_3: '在第 0 步、还没开始训练时，按输入和层平均，有 <span class="live" data-fig="fig-sparse" data-field="first.mean.active" data-format="pct"></span> 的单元处于激活状态，大约一半。这并非巧合：偏置从零开始，权重关于零对称地抽取，所以每个单元的输入为负、为正的可能性相同。',
    sparsity_4: '现在是第 <span class="live" data-fig="fig-sparse" data-field="step" data-format="int"></span> 步：<span class="live" data-fig="fig-sparse" data-field="mean.active" data-format="pct"></span> 的单元处于激活状态，<span class="live" data-fig="fig-sparse" data-field="mean.dead" data-format="pct"></span> 已经死亡，<span class="live" data-fig="fig-sparse" data-field="mean.always_on" data-format="pct"></span> 常开（均为各层平均）。',
    sparsity_5: '稀疏不等于死亡。稀疏的单元对一部分输入关闭、对另一部分输入打开，哪些单元打开取决于输入——信息就藏在这种开关模式里。死亡的单元则对<em>所有</em>输入都输出零：它不传递任何信号，斜率也是零，所以也收不到梯度。',
    sparsity_verdict: '<strong>结论：在初始化时成立，</strong>对任意一个输入，大约一半的单元为零。训练之后则因网络和数据而异：在第 8 节的手写数字上，训练反而让网络变得不那么稀疏。而在本图中，训练带来的“稀疏”很大一部分其实是单元死亡：到第 <span class="live" data-fig="fig-sparse" data-field="step" data-format="int"></span> 步，<span class="live" data-fig="fig-sparse" data-field="mean.dead" data-format="pct"></span> 的单元已经死亡。Glorot 等（2011）测得 <q>68–83%</q> 的零，但那是对激活加了 L1 惩罚的结果（见<a href="#digits">第 8 节</a>）。',

    h_two_n: '3. 每多一层，激活率就减半？',
    two_n_1: '<strong>说法：</strong>博客称，网络每加深 N 层，激活率就下降到原来的 2<sup>N</sup> 分之一。',
    two_n_2: '这张图不需要训练：一个 12 层、每层 64 个单元的 ReLU 网络，以高斯噪声为输入，在初始化时逐层测量。请对比两条曲线：每层激活单元的比例，和开放通路的比例。下面的数字都取自第 0 步。深度最多可以调到 20；初始化菜单可选 He、Xavier、LeCun、一个很小的固定尺度，以及 zero（权重全为 0：每个预激活值都恰好是 0，所以所有单元都关闭）。',
    two_n_3: '激活单元的比例并不随深度下降：第 1 层是 <span class="live" data-fig="fig-two-n" data-field="first.L1.active" data-format="pct"></span>，最后一层是 <span class="live" data-fig="fig-two-n" data-field="first.L-1.active" data-format="pct"></span>，所有层都在 <span class="live" data-fig="fig-two-n" data-field="first.min.active" data-format="pct"></span> 到 <span class="live" data-fig="fig-two-n" data-field="first.max.active" data-format="pct"></span> 之间。',
    two_n_4: '真正下降的是另一条曲线。从输入到某一层的一条通路，只有沿途每个单元都打开时才算开放。到最后一层，开放通路的比例是 <span class="live" data-fig="fig-two-n" data-field="first.L-1.path_share" data-format="exp"></span>，接近 2<sup>−N</sup> = <span class="live" data-fig="fig-two-n" data-field="first.halving" data-format="exp"></span>。',
    two_n_5: '2<sup>N</sup> 正是从这里来的：如果每个单元以二分之一的概率激活，那么指定的连续 N 个单元全部激活的概率就是 2<sup>−N</sup>。它说的是通路，而不是一层里有多少单元处于激活状态。',
    two_n_6: '现在换一种初始化。偏置为零时，He、Xavier、LeCun 和 small 给出的激活比例完全一样。ReLU 网络是正齐次的：把权重乘上一个正数，每个预激活值都按比例缩放，但没有一个会改变符号。初始化只改变数值大小，而这两张图并不显示大小。用 Xavier 初始化时，信号的功率每过一层减半；He 初始化把权重方差加倍，正好补回来（Glorot 与 Bengio，2010；He 等，2015）。这对梯度有什么影响，见<a href="#vanishing">第 6 节</a>。',
    two_n_7: '第二张图里还有一点值得看：深层网络在初始化时就已经有死亡单元，常开单元也差不多一样多。按各层平均，<span class="live" data-fig="fig-two-n" data-field="first.mean.dead" data-format="pct"></span> 的单元死亡，<span class="live" data-fig="fig-two-n" data-field="first.mean.always_on" data-format="pct"></span> 常开；层越深，两者都越多。最后一层分别是 <span class="live" data-fig="fig-two-n" data-field="first.L-1.dead" data-format="pct"></span> 和 <span class="live" data-fig="fig-two-n" data-field="first.L-1.always_on" data-format="pct"></span>。上一层的输出从不为负，所以一个单元的输入里带着一个所有输入共有的偏移；当这个偏移占了上风，这个单元就对所有输入都关闭，或者都打开。常开的单元其实就是一个线性单元。',
    two_n_verdict: '<strong>结论：若指每层的激活率，这个说法是错的。</strong>无论多深，每一层都大约有一半单元激活；按 2<sup>−N</sup> 下降的，是从输入到该层的开放通路所占的比例。',

    h_brain: '4. 大脑的类比',
    brain_1: '<strong>说法：</strong>博客还引了神经科学：大脑的活动也是稀疏的，同一时刻只有 1–4% 的神经元处于活跃状态，出处是 Attwell 与 Laughlin（2001）和 Lennie（2003）。',
    brain_2: '原始文献的说法不太一样。Lennie 根据单个动作电位的能量开销估算，人类大脑皮层中能同时强烈活跃的神经元比例受到限制，<q>possibly to fewer than 1%</q>（可能不到 1%）。Attwell 与 Laughlin 为啮齿类灰质做的能量预算则预测，同时活跃的神经元 <q>≤15%</q>。<q>1–4%</q> 这个数字，是 Glorot 等（2011）对这两篇文献的概括。',
    brain_3: '图中的阴影带覆盖的就是这个范围：从不到 1% 到 15%。曲线是一个在螺旋数据上训练的 4 层 ReLU 网络。',
    brain_4: '在第 0 步，它各层平均有 <span class="live" data-fig="fig-brain" data-field="first.mean.active" data-format="pct"></span> 的单元激活；现在是 <span class="live" data-fig="fig-brain" data-field="mean.active" data-format="pct"></span>。神经科学里的发放率模型确实常用整流的阈值线性响应，因为发放率不可能为负（Dayan 与 Abbott，2001）。形状对得上，数字对不上。',
    brain_verdict: '<strong>结论：只是类比。</strong>ReLU 网络一开始约有 50% 的单元激活，远高于对大脑的估计；而被引用的文献给出的是不到 1% 至最多 15%，并不是 1–4%。',

    h_expressive: '5. 表达能力',
    expressive_1: '<strong>说法：</strong>有了 ReLU 这样的非线性，网络就能表示线性模型表示不了的函数。',
    expressive_2: '两个网络在异或（XOR）数据上并排训练；数据菜单可以换成圆形和螺旋。两者唯一的区别是激活函数：第一个没有激活函数（线性），第二个用 ReLU。先看决策边界，再看区域图。',
    expressive_3: '线性层叠得再多，复合起来仍然只是一个仿射变换，所以线性网络的决策边界是一条直线。没有哪条直线能把 XOR 分开：线性网络的训练准确率是 <span class="live" data-fig="fig-expressive" data-run="0" data-field="acc" data-format="pct"></span>。ReLU 网络则能把边界弯折，达到 <span class="live" data-fig="fig-expressive" data-run="1" data-field="acc" data-format="pct"></span>。',
    expressive_4: '区域图展示了其中的道理。按隐藏单元的开关模式给输入平面上的每个点着色，平面就被分成一块块区域。在同一块区域里，ReLU 网络就是一个仿射变换，所以每种颜色就是一段线性的“小块”；图上会标出当前能看到多少块。线性网络的图上也有色块，因为它的单元输出依然有正有负，但正负在那里什么也不改变：整个平面仍是同一个仿射变换。',
    expressive_verdict: '<strong>结论：正确。</strong>线性层不管叠多深，都只是一个仿射变换；中间夹上 ReLU，网络就成了由许多小块拼成的分段线性函数，能把边界绕着数据弯过去。',

    h_vanishing: '6. 梯度消失',
    vanishing_1: '<strong>说法：</strong>ReLU 在正半轴的斜率恒为 1，所以深层网络里梯度不会消失；而 sigmoid 的斜率最多只有 0.25，误差每经过一层都会缩小。',
    vanishing_2: '三个 10 层、每层 32 个单元的网络在圆形数据上训练，都用 He 初始化，激活函数分别是 ReLU、sigmoid 和 tanh。图中对数坐标画出每一层反向传播的误差信号 ‖∂L/∂z‖（实线）和权重梯度 ‖∂L/∂W‖（虚线）的大小。第 1 层紧挨着输入。',
    vanishing_3: '在第 0 步，ReLU 的误差信号几乎是平的：从第一个隐藏层到最后一个，只变化了 <span class="live" data-fig="fig-vanishing" data-run="0" data-field="first.ratio.grad_z" data-format="times"></span>。sigmoid 的误差信号往输入方向每退一层就缩小 <span class="live" data-fig="fig-vanishing" data-run="1" data-field="first.rate.grad_z" data-format="times"></span>。它的斜率最多 0.25（在零点取到），单看斜率，误差每层就要缩小 4 倍；实测的倍数离这个值不远。tanh 在零点的斜率是 1，信号得以保持：最后一层与第一层之比为 <span class="live" data-fig="fig-vanishing" data-run="2" data-field="first.ratio.grad_z" data-format="times"></span>。',
    vanishing_4: '训练过程中曲线会移动：ReLU 的“最后一层 ÷ 第一层”现在是 <span class="live" data-fig="fig-vanishing" data-run="0" data-field="ratio.grad_z" data-format="times"></span>（小于 ×1，说明靠近输入的层收到的信号反而更大），sigmoid 每层的缩小倍数是 <span class="live" data-fig="fig-vanishing" data-run="1" data-field="rate.grad_z" data-format="times"></span>。第 <span class="live" data-fig="fig-vanishing" data-run="0" data-field="step" data-format="int"></span> 步时，sigmoid 网络的损失是 <span class="live" data-fig="fig-vanishing" data-run="1" data-field="loss" data-format="num"></span>，ReLU 是 <span class="live" data-fig="fig-vanishing" data-run="0" data-field="loss" data-format="num"></span>；五五开瞎猜的损失是 ln 2 ≈ 0.693。',
    vanishing_5: '现在把初始化换成 Xavier，留意 ReLU 在第 0 步的每层缩小倍数，目前是 <span class="live" data-fig="fig-vanishing" data-run="0" data-field="first.rate.grad_z" data-format="times"></span>。它会变成约 √2 ≈ 1.4，因为 Xavier 的方差只有 ReLU 层所需的一半（He 等，2015）。换成 small，信号干脆消失了，用不用 ReLU 都一样。还有一点：relu′ 只在激活的单元上等于 1，在其余单元上是 0。',
    vanishing_verdict: '<strong>结论：对了一半。</strong>relu′ 只在单元激活时等于 1；误差信号只有在合适的初始化（He）下才保持平稳。用 Xavier 时每层仍缩小约 √2 倍，初始化太小则直接消失。sigmoid 确实很接近 0.25 的上限。',

    h_dead: '7. 死亡 ReLU',
    dead_1: '<strong>说法：</strong>学习率过大，会把 ReLU 单元推到对所有输入都输出零、再也恢复不了的状态，即“死亡 ReLU”。博客给出的药方是 Leaky ReLU、PReLU 或 Maxout。',
    dead_2: '同一个 4 层、每层 16 个单元的网络复制三份，在圆形数据上用动量 0.9 训练，学习率分别为 0.01、0.1 和 1。第一张图跟踪死亡单元比例随时间的变化，每个学习率一条线。',
    dead_3: '学习率为 1 时，<span class="live" data-fig="fig-dead-lr" data-run="2" data-field="mean.dead" data-format="pct"></span> 的单元死亡（各层平均），网络什么也学不到：训练准确率只有 <span class="live" data-fig="fig-dead-lr" data-run="2" data-field="acc" data-format="pct"></span>，接近瞎猜。学习率为 0.01 和 0.1 时，死的很少：分别是 <span class="live" data-fig="fig-dead-lr" data-run="0" data-field="mean.dead" data-format="pct"></span> 和 <span class="live" data-fig="fig-dead-lr" data-run="1" data-field="mean.dead" data-format="pct"></span>。',
    dead_4: '死亡也不一定是永久的。第 3 层的单元，输入来自仍在学习的前几层，所以它有机会复活。学习率为 0.1 时，第 3 层最糟糕时有 <span class="live" data-fig="fig-dead-lr" data-run="1" data-field="peak.L3.dead" data-format="pct"></span> 的单元死亡，现在是 <span class="live" data-fig="fig-dead-lr" data-run="1" data-field="L3.dead" data-format="pct"></span>。',

    h_dead_leaky: '留一点斜率有用吗？',
    dead_5: '第二张图保持那个大得离谱的学习率（1，带动量），只换激活函数：ReLU、斜率 0.01 的 Leaky ReLU（Maas 等，2013），以及斜率可学习、从 0.25 开始的 PReLU（He 等，2015）。对 Leaky 和 PReLU 单元来说，“死亡”指对所有输入都卡在负半轴。',
    dead_6: 'Leaky 单元卡住的一点也不少：<span class="live" data-fig="fig-dead-act" data-run="1" data-field="mean.dead" data-format="pct"></span>，ReLU 是 <span class="live" data-fig="fig-dead-act" data-run="0" data-field="mean.dead" data-format="pct"></span>。它们那点小斜率确实能传回梯度，但太弱，拉不回来。PReLU 在这里干脆撑不住：训练发散，图上会直接写出来。',
    dead_7: '真正管用的是最朴素的办法：调小学习率，第一张图已经说明了这一点。初始化也很重要：Lu 等（2019）说明了又深又窄的 ReLU 网络为何可能一出生就是死的，并提出了一种避免这种情况的初始化方法。',
    dead_verdict: '<strong>结论：前半句能复现，药方只对了一部分。</strong>学习率大得离谱时，大多数 ReLU 单元会死；同样的学习率下，Leaky 单元也好不到哪去，PReLU 则会发散。该做的是调小学习率。另外，较深层的死亡单元有可能复活。',

    h_digits: '8. 真实数据：手写数字',
    digits_1: '<strong>博客之外。</strong>玩具数据可能误导人，所以这张图用真实数据：1797 张 8×8 像素的手写数字。一个有两个 64 单元隐藏层的 ReLU 网络（64 → 64 → 64 → 10）用 Adam 学习识别它们。',
    digits_2: '三次运行唯一的区别是对激活值的 L1 惩罚——损失里加上“强度 × 各激活值绝对值之和”，单元输出越大，代价越大——强度分别为 0、0.001 和 0.1。请留意测试准确率和激活比例。',
    digits_3: '不加惩罚时，训练并不会让网络更稀疏。它一开始有 <span class="live" data-fig="fig-digits" data-run="0" data-field="first.mean.active" data-format="pct"></span> 的单元激活，最后反而没那么稀疏了：<span class="live" data-fig="fig-digits" data-run="0" data-field="mean.active" data-format="pct"></span>。',
    digits_4: '惩罚为 0.001 时，激活比例随训练不断下降：第 <span class="live" data-fig="fig-digits" data-run="1" data-field="step" data-format="int"></span> 步时是 <span class="live" data-fig="fig-digits" data-run="1" data-field="mean.active" data-format="pct"></span>。Glorot 等测得的 <q>68–83%</q> 的零，相当于 17–32% 的单元激活；这次运行在 1500 步结束时会落到这个范围。测试准确率几乎不受影响：<span class="live" data-fig="fig-digits" data-run="1" data-field="test_acc" data-format="pct1"></span>，不加惩罚时是 <span class="live" data-fig="fig-digits" data-run="0" data-field="test_acc" data-format="pct1"></span>。',
    digits_5: '要求过头，就会适得其反：惩罚为 0.1 时，<span class="live" data-fig="fig-digits" data-run="2" data-field="mean.dead" data-format="pct"></span> 的单元死亡，测试准确率跌到 <span class="live" data-fig="fig-digits" data-run="2" data-field="test_acc" data-format="pct1"></span>。',
    digits_verdict: '<strong>结论：稀疏是可以主动要来的，而不是 ReLU 白送的。</strong>而且越稀疏并不总是越好。',

    h_misconceptions: '常见误解',
    mis_intro: '有四种说法经常出现。下面是它们各自在本页哪里接受检验：',
    mis_sparse_dead: '<strong>稀疏不等于死亡。</strong>稀疏的单元只对部分输入关闭，死亡的单元对所有输入都关闭。深层网络在初始化时，常开单元甚至和死亡单元差不多一样多。见<a href="#sparsity">第 2 节</a>和<a href="#two-to-the-n">第 3 节</a>。',
    mis_init: '<strong>初始化尺度调小，ReLU 网络并不会更稀疏。</strong>偏置为零时，缩放权重只会缩放每个预激活值，不会让任何一个变号，所以打开的还是那些单元，变的只是数值大小。见<a href="#two-to-the-n">第 3 节</a>。',
    mis_softplus: '<strong>softplus 不能在深层网络里直接替换 ReLU。</strong>它的斜率处处小于 1，在零点只有 0.5（在<a href="#what-relu">第 1 节</a>里选它看看），所以专为 ReLU 推导的 He 初始化不再能让误差信号保持平稳。可以在<a href="#your-turn">实验台</a>里试试：预设选 vanishing，激活函数选 softplus。',
    mis_sparser: '<strong>越稀疏不一定越好。</strong>温和的激活惩罚几乎不花代价就能换来稀疏；惩罚太强则会杀死大部分单元，准确率也随之下降。见<a href="#digits">第 8 节</a>。',

    lab_title: '9. 轮到你了：完整实验台',
    lab_intro: '引擎的每一项设置都在这里。地址栏保存当前状态：复制链接即可分享这一次运行，连随机种子一起。',
    lab_tip: '一个好习惯：一次只改一样东西，按<em>重置</em>，看哪条曲线动了。预设菜单可以载入上面每张图的设置。',

    h_embed: '在你自己的网页里放一张图',
    embed_1: '本页的每张图都是一个 <code>&lt;relu-demo&gt;</code> 元素，你也可以把它用在自己的文章里。先加载一次脚本，再写一个标签，指定预设和想要的面板：',
    embed_2: '如果你的博客平台不允许脚本，可以改用 iframe：',
    embed_3: '把 YOUR-HOST 换成你存放 ReLU Lab 构建文件的地址。所有属性、预设和面板都列在 README 的 <a href="README.md#embed-in-your-blog">Embed in your blog</a> 一节中。',

    h_sources: '参考文献',

    src_glorot2011: 'Glorot, X., Bordes, A. &amp; Bengio, Y.（2011）。<cite>Deep Sparse Rectifier Neural Networks</cite>。第 14 届人工智能与统计国际会议（AISTATS）论文集，PMLR 15，315–323。<a href="https://proceedings.mlr.press/v15/glorot11a.html">proceedings.mlr.press</a>',
    src_nair2010: 'Nair, V. &amp; Hinton, G. E.（2010）。<cite>Rectified Linear Units Improve Restricted Boltzmann Machines</cite>。第 27 届国际机器学习大会（ICML）论文集，807–814。',
    src_glorot2010: 'Glorot, X. &amp; Bengio, Y.（2010）。<cite>Understanding the difficulty of training deep feedforward neural networks</cite>。第 13 届人工智能与统计国际会议（AISTATS）论文集，PMLR 9，249–256。Xavier 初始化的出处。<a href="https://proceedings.mlr.press/v9/glorot10a.html">proceedings.mlr.press</a>',
    src_he2015: 'He, K., Zhang, X., Ren, S. &amp; Sun, J.（2015）。<cite>Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification</cite>。IEEE 国际计算机视觉大会（ICCV）。He 初始化，以及初始斜率 a = 0.25 的 PReLU 的出处。<a href="https://arxiv.org/abs/1502.01852">arXiv:1502.01852</a>',
    src_maas2013: 'Maas, A. L., Hannun, A. Y. &amp; Ng, A. Y.（2013）。<cite>Rectifier Nonlinearities Improve Neural Network Acoustic Models</cite>。ICML 音频、语音与语言处理深度学习研讨会。Leaky ReLU（斜率 0.01）的出处。',
    src_clevert2015: 'Clevert, D.-A., Unterthiner, T. &amp; Hochreiter, S.（2015）。<cite>Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)</cite>。arXiv 预印本；ICLR 2016。<a href="https://arxiv.org/abs/1511.07289">arXiv:1511.07289</a>',
    src_lu2019: 'Lu, L., Shin, Y., Su, Y. &amp; Karniadakis, G. E.（2019）。<cite>Dying ReLU and Initialization: Theory and Numerical Examples</cite>。arXiv 预印本。<a href="https://arxiv.org/abs/1903.06733">arXiv:1903.06733</a>',
    src_attwell2001: 'Attwell, D. &amp; Laughlin, S. B.（2001）。<cite>An energy budget for signaling in the grey matter of the brain</cite>。Journal of Cerebral Blood Flow and Metabolism 21(10)，1133–1145。<a href="https://doi.org/10.1097/00004647-200110000-00001">doi:10.1097/00004647-200110000-00001</a>',
    src_lennie2003: 'Lennie, P.（2003）。<cite>The cost of cortical computation</cite>。Current Biology 13(6)，493–497。<a href="https://doi.org/10.1016/S0960-9822(03)00135-0">doi:10.1016/S0960-9822(03)00135-0</a>',
    src_dayan2001: 'Dayan, P. &amp; Abbott, L. F.（2001）。<cite>Theoretical Neuroscience: Computational and Mathematical Modeling of Neural Systems</cite>。MIT Press。',
    src_blog: '本页讨论的博客文章：《ReLU激活函数：简单之美》。文中对它的说法只做转述，不作引用。',

    footer_top: '回到目录',
    footer_data: '手写数字数据：UCI Optical Recognition of Handwritten Digits（Alpaydin & Kaynak, 1998），CC BY 4.0。',
  },
};
