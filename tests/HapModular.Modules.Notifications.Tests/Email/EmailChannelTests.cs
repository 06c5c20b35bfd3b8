using Autofac;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Notifications.Email;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace HapModular.Modules.Notifications.Tests.Email;

/// <summary>
/// SendEmail on the real host and database: outbox, job, pickup folder; idempotent on the key. Runs alone: starting
/// a host resets Hangfire's static storage, which would steal the jobs of the letter tests' job server.
/// </summary>
[Collection(EmailChannelCollection.Name)]
public sealed class EmailChannelTests(EmailChannelTests.Factory factory) : IClassFixture<EmailChannelTests.Factory>
{
    /// <summary>Records the jobs instead of running a Hangfire server (the test runs them, as a worker would).</summary>
    public sealed class Factory : HapAppFactory
    {
        public RecordingJobClient Jobs { get; } = new();

        protected override void ConfigureTestContainer(ContainerBuilder builder) =>
            builder.RegisterInstance(Jobs).As<IBackgroundJobClient>();
    }

    [Fact]
    public async Task A_mail_is_queued_once_per_key_and_delivered_once_to_the_pickup_folder()
    {
        var key = "test:" + Guid.NewGuid();
        var request = new SendEmail("dr.dupont@example.be", "Votre accès", "Bonjour Docteur, voici le lien.", key);
        await SendAsync(request);
        await SendAsync(request with { TextBody = "Une seconde fois" });

        Assert.Single(await factory.Jobs.For(key, factory.ConnectionString));
        foreach (var id in factory.Jobs.Ids)
        {
            await DeliverAsync(id);
            await DeliverAsync(id);
        }

        var file = Assert.Single(MailFiles(), f => Load(f).Subject == "Votre accès" && Load(f).To.Mailboxes.Single().Address == "dr.dupont@example.be");
        Assert.Equal("Bonjour Docteur, voici le lien.", Load(file).TextBody?.Trim());
        Assert.Null(await BodyInOutboxAsync(key));
    }

    [Fact]
    public async Task An_attachment_travels_with_the_mail()
    {
        var key = "letter:" + Guid.NewGuid();
        await SendAsync(new SendEmail("patient@example.be", "Courrier", "Voir pièce jointe.", key, Attachment: new EmailAttachment("lettre.pdf", "application/pdf", [37, 80, 68, 70])));
        foreach (var id in factory.Jobs.Ids)
        {
            await DeliverAsync(id);
        }

        var file = Assert.Single(MailFiles(), f => Load(f).Subject == "Courrier");
        Assert.Equal("lettre.pdf", Assert.Single(Load(file).Attachments).ContentDisposition?.FileName);
    }

    private async Task SendAsync(SendEmail request)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task DeliverAsync(Guid id)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EmailDeliveryJob>().DeliverAsync(id, CancellationToken.None);
    }

    private string[] MailFiles()
    {
        var folder = Path.Combine(factory.DataDirectory, "mail");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
    }

    private static MimeMessage Load(string file) => MimeMessage.Load(file);

    private async Task<string?> BodyInOutboxAsync(string key)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT text_body FROM notifications.email_outbox WHERE idempotency_key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>An <see cref="IBackgroundJobClient"/> that remembers the ids it was given.</summary>
    public sealed class RecordingJobClient : IBackgroundJobClient
    {
        private readonly List<Guid> ids = [];

        public IReadOnlyList<Guid> Ids
        {
            get
            {
                lock (ids)
                {
                    return [.. ids];
                }
            }
        }

        public string Create(Job job, IState state)
        {
            ArgumentNullException.ThrowIfNull(job);
            lock (ids)
            {
                ids.Add((Guid)job.Args[0]);
            }

            return Guid.NewGuid().ToString();
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;

        /// <summary>The outbox rows for a key (one, however often it was sent).</summary>
        public async Task<IReadOnlyList<Guid>> For(string key, string connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM notifications.email_outbox WHERE idempotency_key = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            var list = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                list.Add(reader.GetGuid(0));
            }

            return list;
        }
    }
}

/// <summary>Not in parallel with hosts that run a Hangfire server (STACK.md gotcha 4).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmailChannelCollection
{
    public const string Name = "email-channel";
}
