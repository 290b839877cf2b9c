using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("DealDesk.Tests.Infrastructure.DealDeskTestFramework", "DealDesk.Tests")]

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// xUnit's own framework plus one assembly-level teardown: after the last test class (and its
/// fixtures) finished, the shared PostgreSQL cluster is stopped and deleted. ProcessExit cannot do
/// that reliably: the test host is killed shortly after the run ends. Another test assembly that
/// uses <see cref="TestCluster"/> can opt in with the same attribute:
/// <c>[assembly: TestFramework("DealDesk.Tests.Infrastructure.DealDeskTestFramework", "DealDesk.Tests")]</c>.
/// </summary>
public sealed class DealDeskTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            try
            {
                await TestCluster.ShutdownAsync();
            }
            catch (Exception e)
            {
                Aggregator.Add(e); // reported as an assembly cleanup failure, not swallowed
            }
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
