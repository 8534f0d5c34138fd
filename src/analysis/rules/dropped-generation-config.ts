import {
  calleeMethod, callsNamed, descendants, enclosing, enclosingScope, keywordArgument, positionalArguments, rangeOf,
  type PyNode, type PythonFile,
} from '../languages/python';
import { assignmentHolding, targetNames } from '../languages/python-flow';
import type { Rule, RuleReport } from '../rule';

/** Model classes with no generation config to lose: bare `AutoModel`, classifiers (critics, reward models), diffusion. */
const NON_GENERATIVE_CLASS = /^(transformers\.)?AutoModel$|Classification|Scheduler|UNet|VAE|Autoencoder|Diffusion/i;

/** Calls that put trained weights into an empty model: `set_model_state_dict(model, ...)`, safetensors' `load_model`. */
const WEIGHT_LOADERS = /load_state_dict|^load_model$|set_model_state_dict/;

/** Context managers that build the model on the meta device: its weights come from somewhere else. */
const EMPTY_INIT = /torch\.device\(\s*["']meta["']\s*\)|init_empty_weights|init_on_device/;

/** A code mention of the generation config: `GenerationConfig.from_pretrained`, `model.generation_config`, a helper. */
const GENERATION_CONFIG = /generation_config|GenerationConfig/;

const MESSAGE = 'save_pretrained() writes a model built with from_config() without its original GenerationConfig: ' +
  'the generation_config.json it writes is derived from config.json and loses the multi-token EOS list ' +
  '(`<|im_end|>`, `<|endoftext|>` for Qwen chat models), so rollouts from this checkpoint run on past the end of ' +
  'the turn.';

/** `model` for `model.save_pretrained(...)`, `AutoModelForCausalLM` for `AutoModelForCausalLM.from_config(...)`. */
function receiverOf(call: PyNode): string | undefined {
  return call.childForFieldName('function')?.childForFieldName('object')?.text;
}

/** The model receives its weights from elsewhere: a state dict, an empty (meta) init, or a weight loader. */
function isConvertedCheckpoint(scope: PyNode, build: PyNode, model: string, save: PyNode): boolean {
  if (keywordArgument(save, 'state_dict')) return true;
  const withItems = enclosing(build, 'with_statement')?.namedChildren.find((c) => c?.type === 'with_clause');
  if (withItems && EMPTY_INIT.test(withItems.text)) return true;
  return descendants(scope, 'call').some((call) => {
    if (receiverOf(call) === model && ['load_state_dict', 'to_empty'].includes(calleeMethod(call))) return true;
    return WEIGHT_LOADERS.test(calleeMethod(call)) && positionalArguments(call)[0]?.text === model;
  });
}

/**
 * The generation config is restored: code that mentions it before the save (loading it, assigning it, a patch
 * helper), or a `generation_config.json` file written after the save (before it, save_pretrained overwrites the copy).
 */
function restoresGenerationConfig(scope: PyNode, save: PyNode): boolean {
  const beforeSave = descendants(scope, 'identifier').some(
    (id) => id.endIndex <= save.startIndex && GENERATION_CONFIG.test(id.text),
  );
  const copiedAfter = descendants(scope, 'string').some(
    (s) => s.startIndex >= save.endIndex && s.text.includes('generation_config') &&
      s.parent?.type !== 'expression_statement', // not a docstring
  );
  return beforeSave || copiedAfter;
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const build of callsNamed(file.root, 'from_config', '_from_config')) {
    if (NON_GENERATIVE_CLASS.test(receiverOf(build) ?? '')) continue;
    const [model] = targetNames(assignmentHolding(build)?.childForFieldName('left') ?? null);
    if (!model) continue;
    const scope = enclosingScope(build);
    const saves = callsNamed(scope, 'save_pretrained').filter(
      (call) => receiverOf(call) === model && call.startIndex > build.startIndex,
    );
    for (const save of saves) {
      if (!isConvertedCheckpoint(scope, build, model, save) || restoresGenerationConfig(scope, save)) continue;
      reports.push({ ...rangeOf(save), message: MESSAGE });
    }
  }
  return reports;
}

export const droppedGenerationConfig: Rule = {
  meta: {
    code: 'RL105',
    name: 'dropped-generation-config',
    severity: 'error',
    summary: 'A checkpoint converter saves a model built with from_config() without its original GenerationConfig.',
  },
  // Every finding is a `save_pretrained` of a model built by a `from_config`/`_from_config` call.
  triggers: ['from_config', 'save_pretrained'],
  python: checkPython,
};
