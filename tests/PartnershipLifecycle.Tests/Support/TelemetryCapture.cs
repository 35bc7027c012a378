using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alba;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// What the service emits for the requests a test watches: spans (through OpenTelemetry's in-memory exporter),
/// measurements of our meter and log entries with their scopes. A test watches a trace by sending its own
/// <c>traceparent</c> (<see cref="Traced"/>) in one request; everything else the shared host does is ignored,
/// so tests running at the same time do not see each other's telemetry. Reading waits until the request's
/// own span has ended: it ends last, after the whole pipeline, so by then everything else is in.
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider, ISupportExternalScope, IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, Captured> _watched = new();
    private readonly MeterListener _listener = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public TelemetryCapture()
    {
        Spans = new SpanSink(this);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PartnershipTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Current() is { } captured)
            {
                var tagMap = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    tagMap[tag.Key] = tag.Value;
                }

                captured.Measurements.Enqueue(new CapturedMeasurement(instrument.Name, value, tagMap));
            }
        });
        _listener.Start();
    }

    /// <summary>Handed to <c>AddInMemoryExporter</c>: keeps the spans of watched traces only.</summary>
    public ICollection<Activity> Spans { get; }

    /// <summary>Every metric the service's meter provider exported, each time it was flushed.</summary>
    public ConcurrentQueue<MetricSnapshot> Metrics { get; } = new();

    public ICollection<MetricSnapshot> MetricSink => new QueueCollection<MetricSnapshot>(Metrics);

    public ActivityTraceId Watch()
    {
        var traceId = ActivityTraceId.CreateRandom();
        _watched[traceId] = new Captured();
        return traceId;
    }

    /// <summary>Sends the request as part of trace <paramref name="traceId"/>.</summary>
    public static Action<Scenario> Traced(ActivityTraceId traceId) =>
        s => s.WithRequestHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

    public async Task<IReadOnlyList<Activity>> SpansOf(ActivityTraceId traceId) => [.. (await Ended(traceId)).Spans];

    public async Task<IReadOnlyList<CapturedMeasurement>> MeasurementsOf(ActivityTraceId traceId) => [.. (await Ended(traceId)).Measurements];

    public async Task<IReadOnlyList<CapturedLog>> LogsOf(ActivityTraceId traceId) => [.. (await Ended(traceId)).Logs];

    private async Task<Captured> Ended(ActivityTraceId traceId)
    {
        var captured = _watched[traceId];
        await captured.RequestEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return captured;
    }

    private Captured? Current() =>
        Activity.Current is { } activity && _watched.TryGetValue(activity.TraceId, out var captured) ? captured : null;

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    void ISupportExternalScope.SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _listener.Dispose();

    private sealed class Captured
    {
        public TaskCompletionSource RequestEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ConcurrentQueue<Activity> Spans { get; } = new();
        public ConcurrentQueue<CapturedMeasurement> Measurements { get; } = new();
        public ConcurrentQueue<CapturedLog> Logs { get; } = new();
    }

    private sealed class CapturingLogger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (capture.Current() is not { } captured)
            {
                return;
            }

            var scope = new Dictionary<string, object?>();
            capture._scopes.ForEachScope((value, map) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    foreach (var (key, item) in pairs)
                    {
                        map[key] = item;
                    }
                }
            }, scope);
            captured.Logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), scope));
        }
    }

    private sealed class SpanSink(TelemetryCapture capture) : QueueCollection<Activity>(new ConcurrentQueue<Activity>())
    {
        public override void Add(Activity item)
        {
            if (capture._watched.TryGetValue(item.TraceId, out var captured))
            {
                captured.Spans.Enqueue(item);
                if (item.Kind == ActivityKind.Server)
                {
                    captured.RequestEnded.TrySetResult();
                }
            }
        }
    }

    /// <summary>An add-only collection over a queue, which is all the in-memory exporters need.</summary>
    private class QueueCollection<T>(ConcurrentQueue<T> queue) : ICollection<T>
    {
        public int Count => queue.Count;
        public bool IsReadOnly => false;
        public virtual void Add(T item) => queue.Enqueue(item);
        public void Clear() => queue.Clear();
        public bool Contains(T item) => queue.Contains(item);
        public void CopyTo(T[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);
        public bool Remove(T item) => throw new NotSupportedException();
        public IEnumerator<T> GetEnumerator() => queue.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

public sealed record CapturedMeasurement(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags);

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);
