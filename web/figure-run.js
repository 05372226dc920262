// One run of a figure: the engine Run and everything the figure keeps beside it.
// Every field is declared here; trainer.js, panels.js and the element read and
// write these and add none of their own.
// Not here: numerics (the engine Run), scheduling (trainer.js), drawing.
import { DecisionMap } from './decision-map.js';

/** Points of data=curve's fitted curve over [-1, 1] (0.01 apart): panels.js draws it, the worker sends it. */
export const CURVE_SAMPLES = 201;

export class FigureRun {
  /** run: an engine Run (engine.js), owned from now on; label: 'lr=0.1' when comparing, else ''. */
  constructor(run, { label = '', config = {} } = {}) {
    this.run = run;
    this.label = label;
    this.config = config;       // the full config {key: string}, as the engine spelled it
    this.recordDue = true;      // a record owed, started or not: the run waits for it (trainer.js); step 0's first
    this.recordedAt = -1;       // the step of the last complete record (trainer.js)
    this.msPerChunk = {};       // this run's measured cost of a chunk, {step, record} in ms (trainer.js)
    this.map = new DecisionMap({ inputs: run.inputs, half: run.planeHalf, slot: 0 });      // the decision map
    this.unitMap = new DecisionMap({ inputs: run.inputs, half: run.planeHalf, slot: 1 });  // the diagram's unit maps (low resolution)
    this.points = null;         // the training points as columns, for the maps (panels.js caches them)
    this.testPoints = null;     // the test points, the same way
    this.activation = null;     // the activation sampled for the activation panel (panels.js caches it)
    this.curve = null;          // data=curve: the fitted curve, kinks and pieces at one step (panels.js caches it)
    this.curvePoints = null;    // data=curve: the training points {x, y} (panels.js caches them)
    this.born = null;           // the born-dead table (born.js), made when a born panel first asks for time
    this.diagram = null;        // the units the network diagram draws (network-view.js computes it once)
    this.unitStats = null;      // per-unit statistics of the last record (network-view.js fetches them)
  }

  /** Both maps: what the trainer keeps up to date. */
  maps() { return [this.map, this.unitMap]; }

  /** Frees the engine's memory; the run is unusable afterwards. */
  dispose() { this.run.dispose(); }
}
