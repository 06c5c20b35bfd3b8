using Npgsql;

namespace HapModular.Modules.Consent.Domain;

/// <summary>Recognises a lost optimistic-concurrency race, however Marten wraps it.</summary>
internal static class Conflicts
{
    public static bool IsConcurrencyConflict(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.ConcurrencyException
                or Marten.Exceptions.ExistingStreamIdCollisionException
                or JasperFx.DocumentAlreadyExistsException
                or JasperFx.Events.ExistingStreamIdCollisionException
                or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }
}
