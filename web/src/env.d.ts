/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  // The component's props and emits are checked by vue-tsc in the .vue file itself.
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
