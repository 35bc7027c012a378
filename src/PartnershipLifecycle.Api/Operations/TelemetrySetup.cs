using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// Traces, metrics and logs. One command is one trace: the HTTP request (ASP.NET Core), its Wolverine
/// handler, Marten's connection and each SQL statement (Npgsql); queries add a span of their own. Metrics:
/// ASP.NET Core, the .NET runtime, Wolverine, Marten, Npgsql and <see cref="PartnershipMetrics"/>. Nothing
/// leaves the process unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; then all three signals go there over
/// OTLP, configured by the standard <c>OTEL_*</c> variables.
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddPartnershipTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddPartnershipMetrics();
        var version = typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        var telemetry = builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read last, win over the defaults here.
            .ConfigureResource(resource => resource
                .AddService(PartnershipTelemetry.ServiceName, serviceVersion: version)
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes every few seconds would drown the traces that matter.
                    options.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                    options.RecordException = true;
                })
                .AddSource("Wolverine")
                .AddSource("Marten")
                .AddNpgsql()
                .AddSource(PartnershipTelemetry.Queries.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Wolverine*") // Wolverine's meter is "Wolverine:<service name>"
                .AddMeter("Marten")
                .AddNpgsqlInstrumentation()
                .AddMeter(PartnershipTelemetry.MeterName));

        if (!string.IsNullOrWhiteSpace(builder.Configuration[ConfigurationKeys.OtlpEndpoint]))
        {
            // Traces, metrics and logs; OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, _TIMEOUT and the per-signal
            // variables are read by the exporter itself.
            telemetry.UseOtlpExporter();
            builder.Services.Configure<OpenTelemetryLoggerOptions>(options =>
            {
                options.IncludeScopes = true; // tenant, correlation id, partner id of commands
                options.IncludeFormattedMessage = true;
            });
        }

        // Logging__Console__FormatterName=json: one JSON object per line, with the scopes (the command's tenant,
        // correlation id and partner id; the request's trace id) unless the configuration says otherwise.
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            var formatter = builder.Configuration.GetSection(ConfigurationKeys.ConsoleFormatterOptions);
            options.IncludeScopes = formatter.GetValue(nameof(options.IncludeScopes), true);
            options.UseUtcTimestamp = formatter.GetValue(nameof(options.UseUtcTimestamp), true);
            options.TimestampFormat ??= "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        return builder;
    }

    /// <summary>Counts every command request that passed authorization, whoever answers it.</summary>
    public static IApplicationBuilder UseCommandMetrics(this IApplicationBuilder app) => app.UseMiddleware<CommandMetrics>();
}

/// <summary>
/// Observes every command request (an endpoint with <see cref="CommandEndpoint"/> metadata), whoever answers it: a
/// body refused by <c>RequestBodyGuard</c>, field rules, a decision or an acceptance. It relays the correlation id
/// (<c>X-Correlation-Id</c>, else the trace id) in the answer, opens the log scope every line logged while the command
/// runs carries (<see cref="CommandScope"/>: tenant, correlation id, command, stream), tags the request's span, writes
/// one line per answered command, and records <c>partnership.commands.handled</c> by outcome (from the status code).
/// </summary>
public sealed partial class CommandMetrics(RequestDelegate next, PartnershipMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(CommandAnswers.LogCategory);

    public async Task InvokeAsync(HttpContext http)
    {
        var command = http.GetEndpoint()?.Metadata.GetMetadata<CommandEndpoint>();
        if (command is null)
        {
            await next(http);
            return;
        }

        var correlationId = CommandAnswers.CorrelationIdOf(http);
        http.Response.Headers[CommandAnswers.CorrelationIdHeader] = correlationId;
        var scope = new CommandScope(http.User.TenantId(), correlationId, command.Name);
        if (!command.StartsStream && !command.Targeted && Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id))
        {
            scope.For(command.Aggregate.Name.ToLowerInvariant(), id);
        }

        http.Features.Set(scope);
        using var _ = _logger.BeginScope(scope);
        var activity = System.Diagnostics.Activity.Current;
        activity?.SetTag("tenant.id", scope.TenantId).SetTag("command.type", command.Name);

        try
        {
            await next(http);
        }
        catch (Exception e)
        {
            metrics.CommandHandled(command.Name, CommandOutcomes.Error);
            if (DatabaseFailures.IsTransient(e))
            {
                // Not a fault of the command: answered 503 by DatabaseUnavailable, which logs it without a stack.
                CommandUnavailable(_logger, command.Name, scope.StreamName, scope.StreamId, e.GetBaseException().Message);
            }
            else
            {
                CommandFailed(_logger, e, command.Name, scope.StreamName, scope.StreamId);
            }

            throw;
        }

        var status = http.Response.StatusCode;
        var outcome = CommandOutcomes.ForStatus(status);
        activity?.SetTag("command.outcome", outcome);
        if (scope.StreamId is { } streamId)
        {
            activity?.SetTag(scope.StreamName + ".id", streamId.ToString());
        }

        metrics.CommandHandled(command.Name, outcome);
        CommandAnswered(_logger, command.Name, scope.StreamName, scope.StreamId, outcome, status);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Command} on {StreamName} {StreamId}: {Outcome} ({Status})")]
    private static partial void CommandAnswered(ILogger logger, string command, string streamName, Guid? streamId, string outcome, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Command} on {StreamName} {StreamId} failed")]
    private static partial void CommandFailed(ILogger logger, Exception exception, string command, string streamName, Guid? streamId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Command} on {StreamName} {StreamId} could not reach the database: {Reason}")]
    private static partial void CommandUnavailable(ILogger logger, string command, string streamName, Guid? streamId, string reason);
}
