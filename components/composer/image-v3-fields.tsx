// Hunyuan Image v3's parameters, below the shared prompt.
import { IMAGE_V3_SIZES, MODELS } from "@/lib/gateway/models";
import { SelectField, TextField } from "@/components/ui/field";
import type { FieldsProps } from "./form-values";
import {
  MODEL_DEFAULT,
  NumImagesField,
  OptionalToggle,
  SafetyToggle,
  formatOptions,
  numericHint,
  sizeOptions,
} from "./image-controls";

const DEFAULTS = MODELS["hunyuan-image"].defaults;

export function ImageV3Fields({ values, errors, onChange }: FieldsProps<"hunyuan-image">) {
  return (
    <>
      <TextField
        label="Negative prompt"
        multiline
        rows={2}
        value={values.negative_prompt}
        onChange={(negative_prompt) => onChange({ negative_prompt })}
        error={errors.negative_prompt}
        placeholder="blurry, low quality, watermark"
        hint="Optional; model default none"
      />
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2">
          <SelectField
            label="Image size"
            value={values.image_size}
            onChange={(image_size) => onChange({ image_size })}
            error={errors.image_size}
            options={sizeOptions(IMAGE_V3_SIZES, DEFAULTS.image_size)}
          />
        </div>
        <SelectField
          label="Output format"
          value={values.output_format}
          onChange={(output_format) => onChange({ output_format })}
          error={errors.output_format}
          options={formatOptions(["png", "jpeg"], DEFAULTS.output_format)}
        />
        <NumImagesField
          value={values.num_images}
          onChange={(num_images) => onChange({ num_images })}
          error={errors.num_images}
          modelDefault={DEFAULTS.num_images}
        />
        <TextField
          label="Inference steps"
          inputMode="numeric"
          value={values.num_inference_steps}
          onChange={(num_inference_steps) => onChange({ num_inference_steps })}
          error={errors.num_inference_steps}
          placeholder={MODEL_DEFAULT}
          hint={numericHint(1, 50, DEFAULTS.num_inference_steps)}
        />
        <TextField
          label="Guidance scale"
          inputMode="decimal"
          value={values.guidance_scale}
          onChange={(guidance_scale) => onChange({ guidance_scale })}
          error={errors.guidance_scale}
          placeholder={MODEL_DEFAULT}
          hint={numericHint(1, 20, DEFAULTS.guidance_scale)}
        />
        <TextField
          label="Seed"
          inputMode="numeric"
          value={values.seed}
          onChange={(seed) => onChange({ seed })}
          error={errors.seed}
          placeholder="Random"
          hint="Empty: the studio picks one and records it"
        />
      </div>
      <div className="flex flex-col gap-2">
        <SafetyToggle
          value={values.enable_safety_checker}
          modelDefault={DEFAULTS.enable_safety_checker}
          onChange={(enable_safety_checker) => onChange({ enable_safety_checker })}
        />
        <OptionalToggle
          label="Prompt expansion"
          value={values.enable_prompt_expansion}
          modelDefault={DEFAULTS.enable_prompt_expansion}
          onChange={(enable_prompt_expansion) => onChange({ enable_prompt_expansion })}
          hint="Let a language model add detail"
        />
        <OptionalToggle
          label="Sync mode"
          value={values.sync_mode}
          modelDefault={DEFAULTS.sync_mode}
          onChange={(sync_mode) => onChange({ sync_mode })}
          hint="Return images inline; not kept in the gateway's history"
        />
      </div>
    </>
  );
}
