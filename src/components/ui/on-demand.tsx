"use client";

import { useEffect, useRef, useState, type ComponentType, type Ref } from "react";

/** What the real component gets besides its own props: the ref of its trigger button. */
export type OnDemandTriggerProps = { triggerRef: Ref<HTMLButtonElement> };

export type OnDemandLoader<P> = {
  /** Starts the import (once); later calls return the same promise. */
  load: () => Promise<ComponentType<P & OnDemandTriggerProps>>;
  /** The component once its code arrived, for instances mounted afterwards. */
  loaded: () => ComponentType<P & OnDemandTriggerProps> | null;
};

/**
 * A component whose code (e.g. a Radix menu with its popper and focus handling) is fetched on first
 * intent rather than with the page: `import()` makes it a chunk of its own. One per module, at top level.
 */
export function onDemand<P>(importer: () => Promise<ComponentType<P & OnDemandTriggerProps>>): OnDemandLoader<P> {
  let component: ComponentType<P & OnDemandTriggerProps> | null = null;
  let pending: Promise<ComponentType<P & OnDemandTriggerProps>> | null = null;
  return {
    load: () =>
      (pending ??= importer().then(
        (loaded) => (component = loaded),
        (error: unknown) => {
          pending = null; // Offline for a moment: the next intent tries again.
          throw error;
        },
      )),
    loaded: () => component,
  };
}

/** Props for the stand-in button: spread them onto a <button> that looks like the real trigger. */
export type PlaceholderProps = {
  ref: Ref<HTMLButtonElement>;
  onPointerEnter: () => void;
  onFocus: () => void;
  onPointerDown: (event: React.PointerEvent<HTMLButtonElement>) => void;
  onClick: (event: React.MouseEvent<HTMLButtonElement>) => void;
  onKeyDown: (event: React.KeyboardEvent<HTMLButtonElement>) => void;
};

type Activation = { kind: "pointer" } | { kind: "key"; key: string };

/**
 * Shows `placeholder` — a plain button with the real trigger's look and ARIA — until the user
 * points at it, focuses it or presses it; then loads the real component and renders it in its
 * place. Focus moves to the real trigger, and a press that came before the code did is replayed
 * on it (a mouse press, or the key), so Radix opens the first time exactly as it does every
 * later time: focus into the menu, the first item for a keyboard user.
 * `activationKeys` are the keys that act on the closed trigger (Radix's open keys, typeahead).
 */
export function OnDemand<P extends object>({
  loader,
  props,
  placeholder,
  activationKeys,
}: {
  loader: OnDemandLoader<P>;
  props: P;
  placeholder: (props: PlaceholderProps) => React.ReactNode;
  activationKeys: (key: string) => boolean;
}) {
  // Never the cached component on the first render: hydration must match the server's placeholder.
  const [Real, setReal] = useState<ComponentType<P & OnDemandTriggerProps> | null>(null);
  const placeholderRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  const activation = useRef<Activation | null>(null);

  useEffect(() => {
    const cached = loader.loaded();
    if (cached) setReal(() => cached);
  }, [loader]);

  useEffect(() => {
    const trigger = triggerRef.current;
    if (!Real || !trigger) return;
    if (hadFocus.current) trigger.focus({ preventScroll: true });
    const queued = activation.current;
    hadFocus.current = false;
    activation.current = null;
    if (queued?.kind === "pointer") {
      trigger.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, cancelable: true, button: 0, pointerType: "mouse", isPrimary: true }));
    } else if (queued?.kind === "key") {
      trigger.dispatchEvent(new KeyboardEvent("keydown", { key: queued.key, bubbles: true, cancelable: true }));
    }
  }, [Real]);

  if (Real) return <Real {...props} triggerRef={triggerRef} />;

  const load = () => {
    loader.load().then(
      (component) => {
        // Read before the swap removes the placeholder (and its focus) from the page.
        hadFocus.current = document.activeElement === placeholderRef.current;
        setReal(() => component);
      },
      (error: unknown) => {
        activation.current = null;
        console.error("Could not load this control's code", error);
      },
    );
  };
  const activate = (next: Activation) => {
    activation.current ??= next;
    load();
  };

  return placeholder({
    ref: placeholderRef,
    onPointerEnter: load,
    onFocus: load,
    onPointerDown: (event) => {
      if (event.button !== 0 || event.ctrlKey) return;
      event.preventDefault();
      activate({ kind: "pointer" });
    },
    // A click that no press preceded: a <label> pointing at the trigger, or assistive tech.
    onClick: () => activate({ kind: "pointer" }),
    onKeyDown: (event) => {
      if (event.ctrlKey || event.altKey || event.metaKey || !activationKeys(event.key)) return;
      event.preventDefault();
      activate({ kind: "key", key: event.key });
    },
  });
}

/** Radix's DropdownMenu trigger opens on these. */
export const MENU_OPEN_KEYS = (key: string) => key === "Enter" || key === " " || key === "ArrowDown";
