/** A scenario file resolved at build time (see resolvedScenarios in vite.config.ts). */
declare module '*.json?resolved' {
  const scenario: import('../sim/scenario.ts').Scenario;
  export default scenario;
}
