// Hunyuan Image v3's parameters, below the shared prompt.
import { IMAGE_V3_SIZES } from "@/lib/gateway/models";
import { SelectField, TextField, Toggle } from "@/components/ui/field";
import { DEFAULT_FORMS, type FieldsProps } from "./form-values";
import {
  NumImagesField,
  SafetyToggle,
  formatOptions,
  numericHint,
  sizeOptions,
} from "./image-controls";

const DEFAULTS = DEFAULT_FORMS["hunyuan-image"];

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
      />
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2">
          <SelectField
            label="Image size"
            value={values.image_size}
            onChange={(image_size) => onChange({ image_size })}
            error={errors.image_size}
            options={sizeOptions(IMAGE_V3_SIZES)}
          />
        </div>
        <SelectField
          label="Output format"
          value={values.output_format}
          onChange={(output_format) => onChange({ output_format })}
          error={errors.output_format}
          options={formatOptions(["png", "jpeg"])}
        />
        <NumImagesField
          value={values.num_images}
          onChange={(num_images) => onChange({ num_images })}
          error={errors.num_images}
        />
        <TextField
          label="Inference steps"
          inputMode="numeric"
          value={values.num_inference_steps}
          onChange={(num_inference_steps) => onChange({ num_inference_steps })}
          error={errors.num_inference_steps}
          hint={numericHint(1, 50, DEFAULTS.num_inference_steps)}
        />
        <TextField
          label="Guidance scale"
          inputMode="decimal"
          value={values.guidance_scale}
          onChange={(guidance_scale) => onChange({ guidance_scale })}
          error={errors.guidance_scale}
          hint={numericHint(1, 20, DEFAULTS.guidance_scale)}
        />
        <TextField
          label="Seed"
          inputMode="numeric"
          value={values.seed}
          onChange={(seed) => onChange({ seed })}
          error={errors.seed}
          placeholder="Random"
          hint="Empty: the studio picks one"
        />
      </div>
      <div className="flex flex-col gap-2">
        <SafetyToggle
          checked={values.enable_safety_checker}
          onChange={(enable_safety_checker) => onChange({ enable_safety_checker })}
        />
        <Toggle
          label="Prompt expansion"
          checked={values.enable_prompt_expansion}
          onChange={(enable_prompt_expansion) => onChange({ enable_prompt_expansion })}
          hint="Let a language model add detail"
        />
        <Toggle
          label="Sync mode"
          checked={values.sync_mode}
          onChange={(sync_mode) => onChange({ sync_mode })}
          hint="Return images inline; not kept in the gateway's history"
        />
      </div>
    </>
  );
}
