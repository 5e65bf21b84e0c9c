"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ROLE_LABELS, type Role } from "./types";

/** Picks a role among those the caller may hand out. */
export function RoleSelect({
  value,
  roles,
  onValueChange,
  label,
  disabled,
  className,
}: {
  value: Role;
  roles: Role[];
  onValueChange: (role: Role) => void;
  label: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <Select value={value} onValueChange={(v) => onValueChange(v as Role)} disabled={disabled}>
      {/* Sized by a wrapper: the trigger is w-full, and classes are joined, not merged. */}
      <div className={className}>
        <SelectTrigger aria-label={label}>
          <SelectValue />
        </SelectTrigger>
      </div>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role}>
            {ROLE_LABELS[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
