// axe-core run inside a Playwright page. Evaluated through the DevTools protocol, so extension
// pages' CSP (no inline scripts) doesn't stop it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

export default class AxeBuilder {
  private context: string[] = [];
  constructor(private readonly page: Page) {}
  include(selector: string): this {
    this.context.push(selector);
    return this;
  }
  async analyze(): Promise<{ violations: AxeViolation[] }> {
    await this.page.evaluate(source);
    return this.page.evaluate(async (include) => {
      const axe = (
        window as unknown as {
          axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run(include.length ? { include: include.map((s) => [s]) } : document, {
        resultTypes: ['violations'],
      });
      return {
        violations: result.violations.map(({ id, impact, help, nodes }) => ({
          id,
          impact,
          help,
          nodes: nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
        })),
      };
    }, this.context);
  }
}
