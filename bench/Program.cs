using BenchmarkDotNet.Running;

// Benchmarks are never part of the test run: `dotnet run -c Release --project bench -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(Bangfu.Bench.RegistryBenchmarks).Assembly).Run(args);
