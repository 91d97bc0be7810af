using Junction.Simulator;

// Standalone: `dotnet run --project src/Junction.Simulator -- --port 9100`, or `--urls http://127.0.0.1:9100`.
var builder = WebApplication.CreateSlimBuilder(args);
var options = SimulatorApp.BindOptions(builder.Configuration);
var listenOnOptions = builder.Configuration["port"] is not null || builder.Configuration["urls"] is null;
SimulatorApp.Configure(builder, options, TimeProvider.System, listenOnOptions);

var app = builder.Build();
SimulatorApp.Map(app);
await app.StartAsync();
foreach (var address in app.Urls)
{
    Console.WriteLine($"Junction simulator listening on {address}/v1");
}
await app.WaitForShutdownAsync();
