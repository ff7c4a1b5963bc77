// Points Swagger UI at the served, generated document (same origin; the session cookie
// goes along, so "Try it out" acts as whoever is signed in on this browser).
window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
