import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import StartupError from './app/StartupError.vue';
import { initApi } from './api';
import { startRouter } from './app/router';
import { DEFAULT_VIEW } from './app/nav';
import './ui/base.css';

try {
  initApi();
  startRouter(DEFAULT_VIEW);
  createApp(App).use(createPinia()).mount('#app');
} catch (err) {
  // Without an API there is nothing to show but why (usually: opened without the ?token=… address).
  createApp(StartupError, { message: (err as Error).message }).mount('#app');
}
