using JasperFx;
using Marten;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Api.CommandLine;
using PartnershipLifecycle.Api.Http;
using PartnershipLifecycle.Api.Operations;
using PartnershipLifecycle;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Json;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using JasperFx.Events.Daemon.HighWater;

args = CommandLineAliases.Apply(args);
var builder = WebApplication.CreateBuilder(args);
if (CommandLineAliases.Seeds(args))
{
    // seed --demo sends its commands to a service of its own: any free loopback port, no rate limit on a few hundred.
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    });
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = RequestBodyGuard.MaxBodyBytes;
    kestrel.AddServerHeader = false; // no banner naming the server
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(o => PartnershipJson.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsSetup.AddTraceId);
builder.Services.AddExceptionHandler<DatabaseUnavailable>();
builder.Services.AddPartnershipAuthentication(builder.Configuration);
// The coordinator's web app under /app (App/): its pages, cookie session and sign-in; it reads with the same queries.
builder.Services.AddPartnershipApp(builder.Configuration, builder.Environment);
builder.Services.AddPartnershipRateLimiting(builder.Configuration);
builder.Services.AddPartnershipCors(builder.Configuration);
builder.Services.AddPartnershipOpenApi();
builder.Services.AddPartnershipHealthChecks();
builder.AddPartnershipTelemetry();
builder.AddPartnershipCodeGeneration();
if (CommandLineAliases.Describes(args))
{
    // describe prints the configuration: secrets masked, and outside Development only the service's own settings.
    builder.Services.AddSingleton<IConfiguration>(SecretMasking.Masked(builder.Configuration,
        builder.Environment.IsDevelopment() ? null : ConfigurationKeys.Sections));
}

// Read when the store is built, so every configuration source (a test host's too) has had its say: the main database
// (ConnectionStrings:Marten) and any other databases institutions are placed on (Tenancy:Databases).
static InstitutionDatabases Databases(IServiceProvider services) => services.GetRequiredService<InstitutionDatabases>();
builder.Services.AddSingleton(services => InstitutionDatabases.From(services.GetRequiredService<IConfiguration>()));

// A singleton, so the host disposes its LISTEN connection(s): one database as ever, or one listener per database.
builder.Services.AddSingleton<IDaemonWakeup>(services => Databases(services) is { IsSingle: true } single
    ? PacedDaemonWakeup.Listening(single.Main, services.GetRequiredService<ILogger<PacedDaemonWakeup>>())
    : AnyDatabaseWakeup.Listening(Databases(services).ConnectionStrings, services.GetRequiredService<ILogger<AnyDatabaseWakeup>>()));
builder.Services.AddMarten(services =>
    {
        var opts = new StoreOptions();
        PartnershipStore.Configure(opts, Databases(services), Features.All, services);
        PartnershipStore.WakeDaemonOnAppends(opts, services.GetRequiredService<IDaemonWakeup>());
        return opts;
    })
    .UseLightweightSessions()
    .ApplyAllDatabaseChangesOnStartup()
    .IntegrateWithWolverine(w =>
    {
        w.MessageStorageSchemaName = "wolverine";
        w.TransportSchemaName = PartnershipMessaging.QueueSchema;
        // The partner's events reach Wolverine's handlers through the outbox of the command that appended them.
        w.UseFastEventForwarding = true;
        // Wolverine runs the async projections, spread over the nodes (Balanced) or all here (Solo).
        w.UseWolverineManagedEventSubscriptionDistribution = true;
        // With several databases (Tenancy:Databases) Wolverine keeps its node and agent tables in a main database and
        // its inbox, outbox, scheduled messages and queues in each database, with a durability agent per database: the
        // main one is ConnectionStrings:Marten. Wolverine takes it here, not when the store is built; with one database
        // it is left unset, as ever.
        if (builder.Configuration.GetSection(InstitutionDatabases.Section).Exists())
        {
            w.MainDatabaseConnectionString = builder.Configuration.GetConnectionString("Marten");
        }
    });
// Each feature's settings and services; after Marten, so that their hosted services start after its schema changes.
builder.Services.AddPartnershipLifecycle(Features.All);

builder.Host.UseWolverine(opts =>
{
    PartnershipMessaging.Configure(opts, builder.Configuration, Features.All, CommandLineAliases.RunsService(args));
    // MediatR 5 resolves through its ServiceFactory delegate, which Wolverine cannot see through.
    opts.CodeGeneration.AlwaysUseServiceLocationFor<MediatR.IMediator>();
    opts.Durability.Mode = builder.Environment.IsDevelopment() ? DurabilityMode.Solo : DurabilityMode.Balanced;
    (builder.Configuration.GetSection(NodeSettings.Section).Get<NodeSettings>() ?? new NodeSettings()).ApplyTo(opts.Durability);
});
builder.Services.AddWolverineHttp();

var app = builder.Build();

app.UseMiddleware<SecurityHeaders>();
// Problem details in the request's language (Accept-Language: en, zh-HK); before the handlers that write problems.
app.UsePartnershipApiLocalization();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePartnershipCors(app.Configuration);
app.UsePartnershipAppLocalization();
// Routing after the app's status-code pages, so that their re-executed request (/app/error/{code}) is routed again.
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseCommandMetrics();
app.UseMiddleware<RequestBodyGuard>();

app.MapOpenApi().AllowAnonymous();
app.MapPartnershipHealthChecks();
app.MapPartnershipApp();
app.MapWolverineEndpoints(opts =>
{
    opts.TenantId.IsClaimTypeNamed(PartnershipLifecycle.Platform.Security.ClaimNames.Tenant);
    opts.RejectUnparseableQueryValues = true;
    // The one way a command travels (docs/architecture.md): an endpoint method Decide that returns a Decision.
    opts.AddPolicy<StreamCommandPolicy>();
    opts.AddResourceWriterPolicy<StreamCommandPolicy>();
    opts.AddParameterHandlingStrategy<StreamCommandPolicy>();
    opts.AddParameterHandlingStrategy<TodayParameterStrategy>();
});

return await app.RunJasperFxCommands(args);

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
