export default defineNuxtConfig({
  compatibilityDate: '2024-11-01',
  devtools: { enabled: true },
  runtimeConfig: {
    // Overridden at runtime by NUXT_CMS_TOKEN
    cmsToken: '',
    public: { siteName: 'Field Notes' },
  },
});
