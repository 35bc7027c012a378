using Microsoft.Extensions.Hosting;
using TurnoverAutomation;

var builder = Host.CreateApplicationBuilder(args);
TurnoverAutomationHost.Configure(builder);
await builder.Build().RunAsync();
