package dev.ticketing.testing;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Empties every collection between tests, keeping their indexes. */
public final class Databases {

    private Databases() {
    }

    public static void clear(MongoTemplate mongo) {
        for (String name : mongo.getCollectionNames()) {
            mongo.getCollection(name).deleteMany(new org.bson.Document());
        }
    }
}
