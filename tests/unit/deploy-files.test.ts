import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine runs on the build machines: check the files on paper.
describe("docker-compose.yml and Dockerfile", () => {
  const compose = parse(fs.readFileSync("docker-compose.yml", "utf8"), { merge: true }) as {
    services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }>;
    volumes: Record<string, unknown>;
  };

  it("runs PostgreSQL 16 with a health check and a volume", () => {
    const pg = compose.services.postgres!;
    expect(pg.image).toBe("postgres:16");
    expect(pg.healthcheck).toBeTruthy();
    expect(Object.keys(compose.volumes)).toContain("pgdata");
  });

  it("builds the web server from the repository and gives it what it needs", () => {
    const web = compose.services.web!;
    expect(web.build).toBe(".");
    expect(web.depends_on?.postgres?.condition).toBe("service_healthy");
    const env = web.environment!;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/unlabeled:.*@postgres:5432\/unlabeled$/);
    expect(env.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(env.AUTH_TRUST_HOST).toBe("true");
  });

  it("runs a grader next to the web server (on PostgreSQL the web server does not grade by default)", () => {
    const grader = compose.services.grader as (typeof compose.services)[string] & { command?: string[]; mem_limit?: string; security_opt?: string[] };
    expect(grader, "docker-compose.yml has no grader service: nothing would grade").toBeTruthy();
    expect(compose.services.web!.environment?.GRADER_IN_WEB).toBeUndefined();
    expect(grader.command?.join(" ")).toContain("scripts/grader.ts");
    expect(grader.command).toContain("--conditions=react-server");
    expect(grader.environment?.DATABASE_URL).toBe(compose.services.web!.environment?.DATABASE_URL);
    expect(grader.environment?.AUTH_SECRET).toBe(compose.services.web!.environment?.AUTH_SECRET);
    expect(grader.mem_limit).toMatch(/^\d+[gm]$/);
    expect(grader.security_opt).toContain("seccomp=unconfined");
  });

  it("has a Dockerfile that installs with npm ci, builds, and starts without rebuilding", () => {
    const docker = fs.readFileSync("Dockerfile", "utf8");
    expect(docker).toMatch(/^FROM node:20/m);
    expect(docker).toContain("npm ci");
    expect(docker).toContain("next build");
    expect(docker).toContain("--no-build");
    expect(docker).toContain("bubblewrap");
    const ignore = fs.readFileSync(".dockerignore", "utf8");
    for (const entry of ["node_modules", ".data", ".next"]) expect(ignore.split("\n")).toContain(entry);
  });
});
