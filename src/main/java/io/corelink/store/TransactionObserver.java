package io.corelink.store;

/**
 * Told how long each store transaction took, for the {@code corelink_store_transaction_duration_seconds} meter.
 * Called on the thread that ran the transaction, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface TransactionObserver {
    TransactionObserver NONE = (kind, nanos) -> { };

    /**
     * @param kind  {@code read} or {@code write} (one grouped write transaction counts once)
     * @param nanos from the start of the transaction to its commit or rollback, retries of a write each counted
     */
    void transactionEnded(String kind, long nanos);
}
