"use client";
// The 3D job's input: a gallery image chosen with "Make 3D", or an upload (PNG, JPEG or WebP,
// at most 20 MB; the server checks the real type from the bytes).
import { useId, useRef, useState } from "react";
import { readApiError } from "@/lib/http/api-error";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface InputImage {
  source: "output" | "upload";
  id: string;
  url: string;
  label: string;
}

export function InputImagePicker({
  value,
  onChange,
  error,
}: {
  value: InputImage | null;
  onChange: (v: InputImage | null) => void;
  error?: string;
}) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function upload(file: File) {
    setUploadError(null);
    if (file.size > MAX_UPLOAD_BYTES) {
      setUploadError(
        `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the largest image accepted is 20 MB.`,
      );
      return;
    }
    setUploading(true);
    try {
      const body = new FormData();
      body.append("file", file);
      const res = await fetch("/api/uploads", { method: "POST", body });
      if (!res.ok) {
        setUploadError((await readApiError(res)).message);
        return;
      }
      const { upload } = (await res.json()) as { upload: { id: string; url: string } };
      onChange({ source: "upload", id: upload.id, url: upload.url, label: file.name });
    } catch (err) {
      setUploadError(`The upload failed: ${(err as Error).message}`);
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = "";
    }
  }

  const shownError = uploadError ?? error;
  return (
    <div className="flex flex-col gap-2">
      <span className="text-xs font-medium tracking-wide text-neutral-300">Source image</span>
      <div className="flex items-center gap-3 rounded-xl border border-dashed border-neutral-700 bg-neutral-900/60 p-3">
        <div className="checker flex h-20 w-20 shrink-0 items-center justify-center overflow-hidden rounded-lg">
          {value ? (
            <img
              src={value.url}
              alt={`Input image: ${value.label}`}
              className="h-full w-full object-cover"
            />
          ) : (
            <span className="text-[10px] text-neutral-500">No image</span>
          )}
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <p className="truncate text-xs text-neutral-300">
            {value ? value.label : "Use Make 3D on a gallery image, or upload one."}
          </p>
          <div className="flex flex-wrap gap-2">
            <label
              htmlFor={id}
              className="inline-flex h-8 cursor-pointer items-center rounded-lg border border-neutral-700 bg-neutral-800 px-3 text-xs font-medium hover:bg-neutral-700"
            >
              {uploading ? "Uploading…" : "Upload image"}
            </label>
            <input
              ref={fileRef}
              id={id}
              type="file"
              aria-label="Input image"
              accept="image/png,image/jpeg,image/webp"
              className="sr-only"
              disabled={uploading}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload(f);
              }}
            />
            {value ? (
              <button
                type="button"
                onClick={() => onChange(null)}
                className="h-8 rounded-lg px-2 text-xs text-neutral-400 hover:text-neutral-200"
              >
                Clear
              </button>
            ) : null}
          </div>
          <p className="text-[11px] text-neutral-500">PNG, JPEG or WebP, up to 20 MB</p>
        </div>
      </div>
      {shownError ? (
        <p role="alert" className="text-xs text-red-300">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}
