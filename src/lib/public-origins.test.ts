import { describe, expect, it } from "vitest";
import { publicOrigins } from "./public-origins";

describe("publicOrigins", () => {
  it("defaults to localhost on the default ports", () => {
    expect(publicOrigins({})).toEqual({ APP_URL: "http://localhost:3000", PREVIEW_ORIGIN: "http://localhost:3001" });
  });

  it("follows PORT and PREVIEW_PORT when the origins are not set", () => {
    expect(publicOrigins({ PORT: "3400", PREVIEW_PORT: "3401" })).toEqual({ APP_URL: "http://localhost:3400", PREVIEW_ORIGIN: "http://localhost:3401" });
  });

  it("keeps origins that are set, whatever the ports", () => {
    const set = { APP_URL: "https://ollio.example.com", PREVIEW_ORIGIN: "https://preview.ollio.example.com" };
    expect(publicOrigins({ ...set, PORT: "3400", PREVIEW_PORT: "3401" })).toEqual(set);
  });
});
