// Observable Framework configuration: https://observablehq.com/framework/config
export default {
  title: "FOI evidence kit",
  root: "src",
  output: "dist",
  pages: [{name: "Social media investigations: Leicester", path: "/"}, {name: "Data quality", path: "/data-quality"}],
  // The default theme pulls fonts from a CDN; these machines (and many readers' networks) reach none.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  theme: ["air", "near-midnight"],
  // An inline icon: browsers otherwise ask for /favicon.ico, which a static host may not have.
  head:
    '<meta name="description" content="Freedom of Information replies on social media investigations of council staff, turned into traceable evidence.">' +
    `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#4269d0"/><path d="M4 11h2V7H4zm3 0h2V4H7zm3 0h2V8h-2z" fill="#fff"/></svg>')}">`,
  footer:
    "Figures from councils' Freedom of Information replies, re-used under the Open Government Licence. Built with Observable Framework.",
  cleanUrls: false
};
