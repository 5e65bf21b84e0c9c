import { cn } from "./cn";

const base =
  "inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap font-medium transition-colors " +
  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background " +
  "disabled:pointer-events-none disabled:opacity-50 motion-reduce:transition-none [&_svg]:size-4 [&_svg]:shrink-0";

const variants = {
  primary: "bg-primary text-primary-foreground shadow-sm hover:bg-primary/90",
  secondary: "bg-muted text-foreground hover:bg-muted/70",
  outline: "border border-border bg-background hover:bg-muted",
  ghost: "hover:bg-muted",
  destructive: "bg-destructive text-white shadow-sm hover:bg-destructive/90",
  link: "text-primary underline-offset-4 hover:underline",
} as const;

const sizes = {
  xs: "h-7 px-2 text-xs",
  sm: "h-8 px-3 text-sm",
  md: "h-9 px-4 text-sm",
  lg: "h-11 px-6 text-base",
  icon: "size-9",
  "icon-sm": "size-8",
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;
/** Explicit, because classes are joined, not merged: a `rounded-full` in className would race `rounded-md`. */
export type ButtonShape = "rounded" | "pill";

type ButtonStyle = { variant?: ButtonVariant; size?: ButtonSize; shape?: ButtonShape; className?: string };

export function buttonClasses({ variant = "primary", size = "md", shape = "rounded", className }: ButtonStyle = {}) {
  return cn(base, variants[variant], sizes[size], shape === "pill" ? "rounded-full" : "rounded-md", className);
}

export type ButtonProps = React.ComponentProps<"button"> & Omit<ButtonStyle, "className">;

export function Button({ variant, size, shape, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses({ variant, size, shape, className })} {...props} />;
}
