using Microsoft.Extensions.Logging;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>With TEST_HOST_LOG=path set, test hosts write warnings and errors there (for diagnosing a failing run).</summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private static readonly object Gate = new(); // every host of the run writes to the one file
    private readonly string _host = Guid.NewGuid().ToString("N")[..6];

    // TEST_HOST_LOG_LEVEL=Information widens the log when warnings do not explain a failure.
    public LogLevel Level { get; } = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("TEST_HOST_LOG_LEVEL"), out var level) ? level : LogLevel.Warning;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (Gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Level;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write($"{DateTime.UtcNow:O} [{provider._host}] {logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }

    public static void AddIfRequested(ILoggingBuilder logging)
    {
        if (Environment.GetEnvironmentVariable("TEST_HOST_LOG") is { Length: > 0 } path)
        {
            logging.AddProvider(new FileLoggerProvider(path));
        }
    }
}
