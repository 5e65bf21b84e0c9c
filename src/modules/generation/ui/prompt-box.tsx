"use client";

import { useId } from "react";
import { ArrowUpIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";

/**
 * A prompt textarea: Enter sends, Shift+Enter adds a line. While an IME is composing, Enter
 * belongs to the IME. The label is visually hidden when the surrounding page already says it.
 *
 * The length limit is shown, never enforced by cutting: the textarea has no maxLength (which
 * would silently drop the end of a paste). Near the limit a counter appears; over it the box
 * says by how much and refuses to send, keeping every character for the user to shorten.
 * `blocked` (e.g. no credits left) disables sending and says why, before anything is typed.
 */
export function PromptBox({
  value,
  onValueChange,
  onSubmit,
  label,
  placeholder,
  pending = false,
  disabled = false,
  maxLength,
  note,
  size = "md",
  autoFocus,
  className,
  textareaRef,
  accessory,
  blocked = null,
}: {
  value: string;
  onValueChange: (value: string) => void;
  onSubmit: () => void;
  label: string;
  placeholder?: string;
  pending?: boolean;
  disabled?: boolean;
  maxLength?: number;
  /** Shown under the box and linked as its description (e.g. why it is disabled). */
  note?: React.ReactNode;
  size?: "md" | "lg";
  autoFocus?: boolean;
  className?: string;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
  /** Shown at the box's bottom left, e.g. the model picker. */
  accessory?: React.ReactNode;
  /** Why nothing can be sent right now (shown under the box and on the send button). */
  blocked?: string | null;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const counterId = `${id}-counter`;
  const length = value.length;
  const over = maxLength !== undefined && length > maxLength ? length - maxLength : 0;
  const canSend = value.trim().length > 0 && !pending && !disabled && !blocked && over === 0;
  const shownNote = blocked ? <span className="text-destructive">{blocked}</span> : note;

  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) onSubmit();
  }

  return (
    <form
      className={cn("flex flex-col gap-1.5", className)}
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSubmit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div
        className={cn(
          "relative rounded-2xl border border-border bg-background shadow-sm transition-shadow motion-reduce:transition-none",
          "focus-within:border-transparent focus-within:ring-2 focus-within:ring-ring",
          disabled && "bg-muted/60",
        )}
      >
        <textarea
          id={id}
          ref={textareaRef}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={placeholder}
          disabled={disabled}
          autoFocus={autoFocus}
          aria-invalid={over > 0 || undefined}
          aria-describedby={[shownNote ? noteId : null, over > 0 ? counterId : null].filter(Boolean).join(" ") || undefined}
          rows={size === "lg" ? 4 : 2}
          className={cn(
            "block w-full resize-none bg-transparent px-4 pt-3 pb-12 leading-relaxed placeholder:text-muted-foreground focus:outline-none disabled:cursor-not-allowed",
            size === "lg" ? "text-base" : "text-sm",
            "field-sizing-content max-h-72",
          )}
        />
        {accessory && <div className="absolute bottom-2.5 left-2.5 flex min-w-0 items-center">{accessory}</div>}
        <div className="absolute right-2.5 bottom-2.5 flex items-center gap-2">
          {maxLength !== undefined && length > maxLength * 0.8 && (
            <span className={cn("text-xs tabular-nums", over > 0 ? "font-medium text-destructive" : "text-muted-foreground")}>
              {length.toLocaleString("en")}/{maxLength.toLocaleString("en")}
            </span>
          )}
          {blocked ? (
            <Button type="submit" size="sm" disabled shape="pill" aria-label="Send prompt (out of credits)">
              Out of credits
            </Button>
          ) : (
            <Button type="submit" size="icon-sm" disabled={!canSend} aria-label={pending ? "Sending…" : "Send prompt"} shape="pill">
              {pending ? <Spinner /> : <ArrowUpIcon />}
            </Button>
          )}
        </div>
      </div>
      {over > 0 && (
        <p id={counterId} role="alert" className="px-1 text-xs font-medium text-destructive">
          {over.toLocaleString("en")} {over === 1 ? "character" : "characters"} over the limit of {maxLength!.toLocaleString("en")}. Shorten
          the prompt to send it; nothing has been cut.
        </p>
      )}
      {shownNote && (
        <p id={noteId} className="px-1 text-xs text-muted-foreground">
          {shownNote}
        </p>
      )}
    </form>
  );
}
