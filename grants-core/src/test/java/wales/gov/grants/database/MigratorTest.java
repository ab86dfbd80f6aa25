package wales.gov.grants.database;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorTest {
    @Test
    void migratingTwiceChangesNothingAndARefusalNamesTheUnknownChangeSet() {
        TestDatabase database = TestDatabase.get();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        assertThatCode(() -> Migrator.migrate(dataSource)).doesNotThrowAnyException();

        String id = "999-from-a-newer-release";
        database.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum)
                VALUES (?, 'grants', 'db/changelog/999-future.sql', ?, 999, 'EXECUTED', '9:0')""",
                id, java.sql.Timestamp.from(TestClock.START)));
        try {
            assertThatThrownBy(() -> Migrator.migrate(dataSource))
                    .isInstanceOf(DatabaseStartupException.class)
                    .hasMessageContaining("newer")
                    .hasMessageContaining(id);
        } finally {
            database.jdbi().useHandle(handle -> handle.execute("DELETE FROM databasechangelog WHERE id = ?", id));
        }
    }
}
