// Hunyuan Image 3.0 Instruct's parameters, below the shared prompt.
import { INSTRUCT_SIZES, MODELS } from "@/lib/gateway/models";
import { SelectField, TextField } from "@/components/ui/field";
import type { FieldsProps } from "./form-values";
import {
  MODEL_DEFAULT,
  NumImagesField,
  SafetyToggle,
  formatOptions,
  numericHint,
  sizeOptions,
} from "./image-controls";

const DEFAULTS = MODELS["hunyuan-image-3-0-instruct"].defaults;

export function InstructFields({
  values,
  errors,
  onChange,
}: FieldsProps<"hunyuan-image-3-0-instruct">) {
  return (
    <>
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2">
          <SelectField
            label="Image size"
            value={values.image_size}
            onChange={(image_size) => onChange({ image_size })}
            error={errors.image_size}
            options={sizeOptions(INSTRUCT_SIZES, DEFAULTS.image_size)}
          />
        </div>
        <SelectField
          label="Output format"
          value={values.output_format}
          onChange={(output_format) => onChange({ output_format })}
          error={errors.output_format}
          options={formatOptions(["png", "jpeg", "webp"], DEFAULTS.output_format)}
        />
        <NumImagesField
          value={values.num_images}
          onChange={(num_images) => onChange({ num_images })}
          error={errors.num_images}
          modelDefault={DEFAULTS.num_images}
        />
        <TextField
          label="Guidance scale"
          inputMode="decimal"
          value={values.guidance_scale}
          onChange={(guidance_scale) => onChange({ guidance_scale })}
          error={errors.guidance_scale}
          placeholder={MODEL_DEFAULT}
          hint={numericHint(1, 10, DEFAULTS.guidance_scale)}
        />
      </div>
      <div className="flex flex-col gap-2">
        <SafetyToggle
          value={values.enable_safety_checker}
          modelDefault={DEFAULTS.enable_safety_checker}
          onChange={(enable_safety_checker) => onChange({ enable_safety_checker })}
        />
      </div>
    </>
  );
}
