import { describe, expect, it } from "vitest";
import { globalShortcut, typingInto, viewerShortcut } from "./shortcuts";

/** A stand-in for an element: what `closest` finds is the field it sits in, if any. */
function element(field?: { tagName: string; type?: string }, editable = false) {
  return {
    isContentEditable: editable,
    closest: () => field ?? null,
  } as unknown as EventTarget;
}

const press = (key: string, target: EventTarget | null = element(), mods = {}) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target,
  ...mods,
});

describe("typingInto", () => {
  it("is true in text fields, text areas and editable elements", () => {
    expect(typingInto(element({ tagName: "INPUT", type: "search" }))).toBe(true);
    expect(typingInto(element({ tagName: "TEXTAREA" }))).toBe(true);
    expect(typingInto(element(undefined, true))).toBe(true);
  });
  it("is false on buttons, checkboxes, sliders and the page itself", () => {
    expect(typingInto(element())).toBe(false);
    expect(typingInto(element({ tagName: "INPUT", type: "checkbox" }))).toBe(false);
    expect(typingInto(element({ tagName: "INPUT", type: "range" }))).toBe(false);
    expect(typingInto(null)).toBe(false);
  });
});

describe("globalShortcut", () => {
  it("maps / to search and ? to the list of shortcuts", () => {
    expect(globalShortcut(press("/"), false)).toBe("search");
    expect(globalShortcut(press("?"), false)).toBe("help");
    expect(globalShortcut(press("x"), false)).toBeNull();
  });
  it("leaves keys alone in a field, with a modifier, or while a dialog is open", () => {
    expect(globalShortcut(press("/", element({ tagName: "TEXTAREA" })), false)).toBeNull();
    expect(globalShortcut(press("/", element(), { ctrlKey: true }), false)).toBeNull();
    expect(globalShortcut(press("?"), true)).toBeNull();
  });
});

describe("viewerShortcut", () => {
  it("maps the arrows and f", () => {
    expect(viewerShortcut(press("ArrowLeft"))).toBe("previous");
    expect(viewerShortcut(press("ArrowRight"))).toBe("next");
    expect(viewerShortcut(press("f"))).toBe("favorite");
    expect(viewerShortcut(press("F"))).toBe("favorite");
    expect(viewerShortcut(press("Enter"))).toBeNull();
  });
  it("does not take f from a field or Ctrl+F from the browser", () => {
    expect(viewerShortcut(press("f", element({ tagName: "INPUT", type: "text" })))).toBeNull();
    expect(viewerShortcut(press("f", element(), { ctrlKey: true }))).toBeNull();
    expect(viewerShortcut(press("ArrowLeft", element(), { metaKey: true }))).toBeNull();
  });
});
