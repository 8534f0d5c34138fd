import { droppedGenerationConfig } from '../../src/analysis/rules/dropped-generation-config';
import { analyzeSource } from '../../src/analysis/engine';
import { dedent, ruleTester } from '../helpers/rule-tester';

ruleTester(droppedGenerationConfig, {
  valid: [
    {
      name: 'generation config loaded from the original model before saving',
      code: `
        def merge(config, state_dict, hf_model_path, target_dir):
            with torch.device("meta"):
                model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)
            model.to_empty(device="cpu")
            model.generation_config = GenerationConfig.from_pretrained(hf_model_path)
            model.save_pretrained(target_dir, state_dict=state_dict)
      `,
    },
    {
      name: 'a helper patches the generation config',
      code: `
        class Merger:
            def save_hf_model(self, state_dict):
                model = self.auto_model_class.from_config(self.model_config)
                model = self.patch_model_generation_config(model)
                model.save_pretrained(self.target_dir, state_dict=state_dict)
      `,
    },
    {
      name: 'generation_config.json copied back after the save',
      code: `
        def convert(cfg, weights, src, out):
            model = AutoModelForCausalLM.from_config(cfg)
            model.save_pretrained(out, state_dict=weights)
            shutil.copy(os.path.join(src, "generation_config.json"), out)
      `,
    },
    {
      name: 'a randomly initialized test model: no trained weights to convert',
      code: `
        def make_tiny_model(config, output_path):
            model = AutoModelForCausalLM.from_config(config)
            model.save_pretrained(output_path)
      `,
    },
    {
      name: 'from_pretrained keeps the generation config',
      code: `
        def export(path, state_dict, out):
            model = AutoModelForCausalLM.from_pretrained(path)
            model.save_pretrained(out, state_dict=state_dict)
      `,
    },
    {
      name: 'a critic has no generation config',
      code: `
        def export_critic(config, state_dict, out):
            critic = AutoModelForTokenClassification.from_config(config)
            critic.save_pretrained(out, state_dict=state_dict)
      `,
    },
  ],
  invalid: [
    {
      name: 'model merger: meta-device from_config, then save (multi-line call)',
      code: `
        def convert_fsdp_checkpoints_to_hfmodels(config, state_dict, hf_path):
            with torch.device("meta"):
                model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)
            model.to_empty(device="cpu")
            model.save_pretrained(
                hf_path,
                state_dict=state_dict,
            )
      `,
      errors: [{ line: 5, column: 5, endLine: 8, severity: 'error', message: /multi-token EOS list/ }],
    },
    {
      name: 'weights loaded with load_state_dict',
      code: `
        def export(config, checkpoint, out_dir):
            model = model_cls.from_config(config)
            model.load_state_dict(torch.load(checkpoint))
            model.save_pretrained(out_dir)
      `,
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'generation_config.json copied before the save is overwritten by it',
      code: `
        def convert(cfg, weights, src, out):
            shutil.copy(os.path.join(src, "generation_config.json"), out)
            hf_model = HFClass.from_config(cfg)
            hf_model.save_pretrained(save_directory=out, state_dict=weights)
      `,
      errors: [{ line: 4, column: 5 }],
    },
  ],
});

test('RL105 skips test files, whose models are fixtures', async () => {
  const code = dedent(`
    def test_merge(config, state_dict, path):
        model = AutoModelForCausalLM.from_config(config)
        model.save_pretrained(path, state_dict=state_dict)
  `);
  const severities = new Map([[droppedGenerationConfig.meta.code, 'default' as const]]);
  const analyze = (path: string) => analyzeSource(path, code, 'python', severities, [droppedGenerationConfig]);
  expect((await analyze('tests/model/test_visual.py')).findings).toEqual([]);
  expect((await analyze('scripts/model_merger.py')).findings).toHaveLength(1);
});
