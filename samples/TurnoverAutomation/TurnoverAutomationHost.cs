using System.Net.Http.Headers;
using System.Text.Json;
using JasperFx.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace TurnoverAutomation;

public static class TurnoverAutomationHost
{
    /// <summary>
    /// Listens to the service's PostgreSQL queue (<c>partnership-events</c> in schema <c>wolverine_queues</c>)
    /// and calls its API. <paramref name="transport"/> lets a test hand in its own HTTP transport.
    /// </summary>
    public static HostApplicationBuilder Configure(HostApplicationBuilder builder, Func<HttpMessageHandler>? transport = null)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AutomationSettings>().BindConfiguration(AutomationSettings.Section);
        var http = builder.Services.AddHttpClient(ScheduleFollowUpOnTurnover.ApiClient, client =>
        {
            client.BaseAddress = new Uri(configuration["Api:BaseUrl"] ?? "http://127.0.0.1:5080/");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                configuration["Api:Token"] ?? throw new InvalidOperationException("Set Api:Token (env Api__Token) to a coordinator token."));
        });
        if (transport is not null)
        {
            http.ConfigurePrimaryHttpMessageHandler(transport);
        }

        builder.UseWolverine(opts =>
        {
            var connectionString = configuration.GetConnectionString("Marten")
                ?? throw new InvalidOperationException("Set ConnectionStrings:Marten to the service's PostgreSQL database.");
            opts.ServiceName = "turnover-automation";
            opts.Discovery.IncludeAssembly(typeof(ScheduleFollowUpOnTurnover).Assembly);
            // The service writes camelCase JSON.
            opts.UseSystemTextJsonForSerialization(json =>
            {
                json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                json.PropertyNameCaseInsensitive = true;
            });
            opts.UsePostgresqlPersistenceAndTransport(connectionString, "turnover_automation", transportSchema: "wolverine_queues").AutoProvision();
            opts.ListenToPostgresqlQueue("partnership-events");
            opts.Policies.OnException<HttpRequestException>().ScheduleRetry(5.Seconds(), 30.Seconds(), 2.Minutes());
        });
        return builder;
    }
}
