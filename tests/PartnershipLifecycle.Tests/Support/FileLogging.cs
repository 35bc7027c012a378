using Microsoft.Extensions.Logging;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>With TEST_HOST_LOG=path set, test hosts write warnings and errors there (for diagnosing a failing run).</summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly object _gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write($"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)} {exception}");
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
