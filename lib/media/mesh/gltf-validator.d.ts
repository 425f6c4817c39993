// The gltf-validator package ships no types; this covers the part the tests use.
declare module "gltf-validator" {
  export interface ValidationMessage {
    code: string;
    message: string;
    severity: number;
    pointer?: string;
  }
  export interface ValidationReport {
    issues: {
      numErrors: number;
      numWarnings: number;
      numInfos: number;
      numHints: number;
      messages: ValidationMessage[];
    };
  }
  export function validateBytes(
    data: Uint8Array,
    options?: { maxIssues?: number; writeTimestamp?: boolean; ignoredIssues?: string[] },
  ): Promise<ValidationReport>;
  export function supportedExtensions(): string[];
}
