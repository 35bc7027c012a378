using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace PartnershipLifecycle.Platform.Telemetry;

/// <summary>The names our traces, metrics and logs are known by.</summary>
public static class PartnershipTelemetry
{
    /// <summary>The OpenTelemetry <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "partnership-lifecycle";

    /// <summary>Our meter: see <see cref="PartnershipMetrics"/>.</summary>
    public const string MeterName = "PartnershipLifecycle";

    /// <summary>Every MediatR query is a span of this source (see <c>QueryPipeline</c>).</summary>
    public static readonly ActivitySource Queries = new("PartnershipLifecycle.Queries");
}

/// <summary>
/// The service's own instruments, on the meter <see cref="PartnershipTelemetry.MeterName"/>. A singleton:
/// inject it wherever something worth counting happens.
/// <list type="bullet">
/// <item><c>partnership.commands.handled</c> (counter): every answered command, tagged <c>command</c>
/// (its type, e.g. <c>LogOutreach</c>) and <c>outcome</c> (see <see cref="CommandOutcomes"/>).</item>
/// <item><c>partnership.events.appended</c> (counter): every event committed to Marten, tagged
/// <c>event_type</c> (the stored name, e.g. <c>outreach_logged</c>).</item>
/// <item><c>partnership.alerts.raised</c> (counter): turnover alerts raised, tagged <c>kind</c>.</item>
/// <item><c>partnership.webhook.deliveries</c> (counter): webhook delivery attempts, tagged <c>outcome</c>.</item>
/// <item><c>partnership.projection.lag</c> (gauge): events each asynchronous projection or subscription
/// has still to process, tagged <c>projection</c> (the shard, e.g. <c>PartnerHealth:All</c>) and
/// <c>database</c>; fed by <see cref="ProjectionMonitor"/>.</item>
/// <item><c>partnership.query.duration</c> (histogram, seconds): every MediatR query, tagged <c>query</c> (its
/// type, e.g. <c>GetPartner</c>) and <c>outcome</c> (<c>ok</c> or <c>error</c>); recorded by <c>QueryPipeline</c>.</item>
/// </list>
/// </summary>
public sealed class PartnershipMetrics
{
    public const string CommandsHandled = "partnership.commands.handled";
    public const string EventsAppended = "partnership.events.appended";
    public const string AlertsRaised = "partnership.alerts.raised";
    public const string WebhookDeliveries = "partnership.webhook.deliveries";
    public const string ProjectionLag = "partnership.projection.lag";
    public const string QueryDuration = "partnership.query.duration";

    private readonly Counter<long> _commands;
    private readonly Counter<long> _events;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _webhooks;
    private readonly Histogram<double> _queries;
    private readonly ConcurrentDictionary<(string Projection, string Database), long> _projectionLag = new();

    public PartnershipMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PartnershipTelemetry.MeterName);
        _commands = meter.CreateCounter<long>(CommandsHandled, "{command}",
            "Commands answered, by command type and outcome.");
        _events = meter.CreateCounter<long>(EventsAppended, "{event}",
            "Events committed to the event store, by event type.");
        _alerts = meter.CreateCounter<long>(AlertsRaised, "{alert}",
            "Turnover alerts raised, by kind.");
        _webhooks = meter.CreateCounter<long>(WebhookDeliveries, "{delivery}",
            "Webhook delivery attempts, by outcome.");
        _queries = meter.CreateHistogram<double>(QueryDuration, "s",
            "How long queries took, from opening their tenant's session to their answer, by query type and outcome.");
        meter.CreateObservableGauge(ProjectionLag, ObserveProjectionLag, "{event}",
            "Events an asynchronous projection or subscription has still to process (high-water mark minus its position).");
    }

    /// <summary>A command was answered; <paramref name="outcome"/> is one of <see cref="CommandOutcomes"/>.</summary>
    public void CommandHandled(string command, string outcome) =>
        _commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>An event was committed; <paramref name="eventType"/> is its stored name, e.g. <c>outreach_logged</c>.</summary>
    public void EventAppended(string eventType) =>
        _events.Add(1, new KeyValuePair<string, object?>("event_type", eventType));

    /// <summary>
    /// A turnover alert was raised. <paramref name="kind"/> is the alert's wire name:
    /// <c>champion_departed</c>, <c>no_active_contact</c> or <c>high_turnover</c>.
    /// Call it once per alert, where the alert is raised (not when it is escalated).
    /// </summary>
    public void AlertRaised(string kind) =>
        _alerts.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>
    /// One webhook delivery attempt ended. <paramref name="outcome"/>: <c>delivered</c> (2xx),
    /// <c>failed</c> (an error or non-2xx answer; it will be retried), or <c>abandoned</c> (retries
    /// exhausted). Call it once per attempt.
    /// </summary>
    public void WebhookDelivery(string outcome) =>
        _webhooks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A query ended after <paramref name="duration"/>; <paramref name="outcome"/> is <c>ok</c> or <c>error</c>.</summary>
    public void QueryHandled(string query, string outcome, TimeSpan duration) =>
        _queries.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("query", query), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Sets the last observed lag of one asynchronous projection shard in one database.</summary>
    public void RecordProjectionLag(string projection, string database, long lag) =>
        _projectionLag[(projection, database)] = lag;

    private IEnumerable<Measurement<long>> ObserveProjectionLag() =>
        _projectionLag.Select(entry => new Measurement<long>(entry.Value,
            new KeyValuePair<string, object?>("projection", entry.Key.Projection),
            new KeyValuePair<string, object?>("database", entry.Key.Database)));
}

/// <summary>The <c>outcome</c> of an answered command, from its HTTP status.</summary>
public static class CommandOutcomes
{
    public const string Accepted = "accepted";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string PreconditionFailed = "precondition_failed";
    public const string Error = "error";

    public static string ForStatus(int status) => status switch
    {
        >= 200 and < 300 => Accepted,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        >= 400 and < 500 => Invalid,
        _ => Error,
    };
}
