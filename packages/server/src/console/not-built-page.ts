/** What `/` answers when the console has not been built: the API works, the pages do not yet. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Tripline</title></head>
  <body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 10vh auto">
    <h1>Tripline is running</h1>
    <p>The web console has not been built. Run <code>npm run build</code> (or
    <code>npm run build:console</code>) in the repository, then reload this page.</p>
    <p>The API answers meanwhile: <a href="/docs">/docs</a> describes it.</p>
  </body>
</html>
`;
