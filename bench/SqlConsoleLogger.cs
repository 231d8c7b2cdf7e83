using Microsoft.Extensions.Logging;

namespace Bangfu.Bench;

/// Prints the SQL that EF Core runs (set BANGFU_BENCH_SQL=1), to look at a benchmark's queries and EXPLAIN them.
public sealed class SqlConsoleLoggerProvider : ILoggerProvider
{
    public static bool Enabled => Environment.GetEnvironmentVariable("BANGFU_BENCH_SQL") is { Length: > 0 };

    public ILogger CreateLogger(string categoryName) => new SqlLogger(categoryName == "Microsoft.EntityFrameworkCore.Database.Command");

    public void Dispose()
    {
    }

    private sealed class SqlLogger(bool enabled) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => enabled && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                Console.WriteLine("// SQL " + formatter(state, exception));
        }
    }
}
