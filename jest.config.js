/**
 * One jest run, several projects:
 * - node: core, server kit, host (local cloud), cloud functions, integration journeys.
 * - app: Taro components and hooks in jsdom, with hand mocks of @tarojs/taro and @tarojs/components.
 * - sim: native custom components rendered by miniprogram-simulate.
 * Browser end-to-end tests run separately (npm run test:e2e) against the built H5 app.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@core/(.*)$': '<rootDir>/core/$1',
    '^@server/(.*)$': '<rootDir>/server/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/{core,server,host,cloudfunctions,scripts,bench}/**/*.test.ts',
        '<rootDir>/test/{integration,conformance,fuzz}/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      ...common,
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      // echarts and zrender ship ES modules only: compiled like our own code for the charts' tests.
      transformIgnorePatterns: ['/node_modules/(?!(echarts|zrender)/)'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.sim\\.test\\.ts$'],
      moduleNameMapper: {
        // Stylesheets first: jest takes the first pattern that matches, and '@/…/x.scss' is a path alias too.
        '\\.(css|scss|less)$': '<rootDir>/test/mocks/style.ts',
        ...common.moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
        '^@tarojs/components$': '<rootDir>/test/mocks/components.tsx',
        // NutUI ships ES modules that jest does not transform: use its CJS build, and no styles.
        '^@nutui/nutui-react-taro/dist/es/(.*)/style/css$': '<rootDir>/test/mocks/style.ts',
        '^@nutui/nutui-react-taro/dist/es/(.*)$': '<rootDir>/node_modules/@nutui/nutui-react-taro/dist/cjs/$1',
      },
    },
    {
      ...common,
      displayName: 'sim',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/src/**/*.sim.test.ts'],
    },
  ],
};
