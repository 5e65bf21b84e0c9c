"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, PlugZap, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { OptionSelect } from "@/components/ui/option-select";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/modules/shell/ui/error-message";
import { useTRPC } from "@/trpc/client";

const INSTANCE_DEFAULT = "__instance-default__";

/** The team's default model and its own API key. The key is write-only: the page only ever sees its last 4 characters. */
export function ModelSettingsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.models.settings.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.models.settings.queryFilter());
  const onError = (error: unknown) => toast.error(errorMessage(error));

  const setDefault = useMutation(trpc.models.setDefault.mutationOptions({ onSuccess: () => (toast.success("Default model saved"), refresh()), onError }));
  const [apiKey, setApiKey] = useState("");
  const saveKey = useMutation(
    trpc.models.setApiKey.mutationOptions({
      onSuccess: () => {
        setApiKey("");
        toast.success("API key saved");
        void refresh();
      },
      onError,
    }),
  );
  const removeKey = useMutation(trpc.models.removeApiKey.mutationOptions({ onSuccess: () => (toast.success("API key removed"), refresh()), onError }));
  const test = useMutation(trpc.models.testConnection.mutationOptions());

  if (!settings.data) return null;
  const { models, instanceDefault, defaultModel, apiKey: keyStatus, canManage } = settings.data;

  return (
    <div className="flex flex-col gap-6">
      {!canManage && <p className="text-sm text-muted-foreground">Only the team&apos;s owner can change these settings.</p>}
      <Card>
        <CardHeader>
          <CardTitle>Default model</CardTitle>
          <CardDescription>
            What your team&apos;s prompts use unless the sender picks another. This Ollio offers {models.length === 0 ? "no model yet" : models.join(", ")}.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-1.5">
          <Label htmlFor="default-model">Model</Label>
          <OptionSelect
            id="default-model"
            label="Default model"
            value={defaultModel ?? INSTANCE_DEFAULT}
            disabled={!canManage || models.length === 0 || setDefault.isPending}
            onValueChange={(value) => setDefault.mutate({ model: value === INSTANCE_DEFAULT ? null : value })}
            options={[
              { value: INSTANCE_DEFAULT, label: `Instance default${instanceDefault ? ` (${instanceDefault})` : ""}` },
              ...models.map((m) => ({ value: m, label: m })),
            ]}
            className="w-full sm:w-80"
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Team API key</CardTitle>
          <CardDescription>
            Your team&apos;s own key for this Ollio&apos;s model provider; runs use it instead of the instance&apos;s key. It is stored
            encrypted and never shown again.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <p className="flex items-center gap-2 text-sm" data-testid="api-key-status">
            <KeyRound aria-hidden className="size-4 text-muted-foreground" />
            {keyStatus ? (
              <span>
                A key is set, ending in <span className="font-mono">{keyStatus.last4}</span>.
              </span>
            ) : (
              <span>No team key: runs use the instance&apos;s key.</span>
            )}
          </p>
          {canManage && (
            <>
              <form
                className="flex flex-col gap-2 sm:flex-row sm:items-end"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (apiKey.trim()) saveKey.mutate({ apiKey });
                }}
              >
                <div className="flex min-w-0 flex-1 flex-col gap-1.5">
                  <Label htmlFor="team-api-key">{keyStatus ? "Replace the key" : "API key"}</Label>
                  <Input
                    id="team-api-key"
                    type="password"
                    autoComplete="off"
                    spellCheck={false}
                    value={apiKey}
                    onChange={(event) => setApiKey(event.target.value)}
                    placeholder="sk-…"
                  />
                </div>
                <Button type="submit" disabled={!apiKey.trim() || saveKey.isPending}>
                  {saveKey.isPending && <Spinner />}
                  Save key
                </Button>
              </form>
              {keyStatus && (
                <div className="flex flex-wrap gap-2">
                  <Button variant="outline" size="sm" onClick={() => test.mutate()} disabled={test.isPending}>
                    {test.isPending ? <Spinner /> : <PlugZap aria-hidden />}
                    Test connection
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => removeKey.mutate()} disabled={removeKey.isPending}>
                    <Trash2 aria-hidden />
                    Remove key
                  </Button>
                </div>
              )}
              {test.data && (
                <p role="status" className={test.data.ok ? "text-sm text-emerald-700" : "text-sm text-destructive"}>
                  {test.data.message}
                </p>
              )}
              {test.isError && (
                <p role="alert" className="text-sm text-destructive">
                  {errorMessage(test.error)}
                </p>
              )}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
