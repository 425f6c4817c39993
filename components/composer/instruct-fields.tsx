// Hunyuan Image 3.0 Instruct's parameters, below the shared prompt.
import { INSTRUCT_SIZES } from "@/lib/gateway/models";
import { SelectField, TextField } from "@/components/ui/field";
import { DEFAULT_FORMS, type FieldsProps } from "./form-values";
import {
  NumImagesField,
  SafetyToggle,
  formatOptions,
  numericHint,
  sizeOptions,
} from "./image-controls";

const DEFAULTS = DEFAULT_FORMS["hunyuan-image-3-0-instruct"];

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
            options={sizeOptions(INSTRUCT_SIZES)}
          />
        </div>
        <SelectField
          label="Output format"
          value={values.output_format}
          onChange={(output_format) => onChange({ output_format })}
          error={errors.output_format}
          options={formatOptions(["png", "jpeg", "webp"])}
        />
        <NumImagesField
          value={values.num_images}
          onChange={(num_images) => onChange({ num_images })}
          error={errors.num_images}
        />
        <TextField
          label="Guidance scale"
          inputMode="decimal"
          value={values.guidance_scale}
          onChange={(guidance_scale) => onChange({ guidance_scale })}
          error={errors.guidance_scale}
          hint={numericHint(1, 10, DEFAULTS.guidance_scale)}
        />
      </div>
      <div className="flex flex-col gap-2">
        <SafetyToggle
          checked={values.enable_safety_checker}
          onChange={(enable_safety_checker) => onChange({ enable_safety_checker })}
        />
      </div>
    </>
  );
}
