// Starts Swagger UI on /api/docs. A file, not an inline script, so that the page's CSP holds.
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    // The default would load a badge from the public validator: nothing leaves this host.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
  });
})();
