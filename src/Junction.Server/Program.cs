using Junction.Server.Cli;

// Everything lives behind the command line: `junction` (= `junction serve`), `junction hash-key`, `junction version`.
// The host itself is wired in Hosting/GatewayApp.cs, which tests build the same way.
return await JunctionCli.RunAsync(args);
