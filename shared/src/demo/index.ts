export * from './demoRegister';
