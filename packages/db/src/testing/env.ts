/** The test environment's variables, read in this one place. */
export const TEST_DB_ENV = 'STEPWISE_TEST_DB';

export interface ClusterRef {
  adminUrl: string;
  template: string;
}

export const testEnv = {
  /** The PostgreSQL server tests use when set; otherwise an embedded one is started. */
  databaseUrl: (): string | undefined => process.env.DATABASE_URL,
  printTimings: (): boolean => Boolean(process.env.STEPWISE_TEST_TIMINGS),
  /** The cluster the vitest globalSetup started, announced to test workers. */
  cluster(): ClusterRef | null {
    const raw = process.env[TEST_DB_ENV];
    return raw ? (JSON.parse(raw) as ClusterRef) : null;
  },
  announceCluster(cluster: ClusterRef): void {
    process.env[TEST_DB_ENV] = JSON.stringify({ adminUrl: cluster.adminUrl, template: cluster.template });
  },
};
