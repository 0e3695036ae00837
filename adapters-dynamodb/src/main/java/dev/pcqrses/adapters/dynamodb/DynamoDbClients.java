package dev.pcqrses.adapters.dynamodb;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;

/**
 * A DynamoDB client for our own calls (table provisioning, tests), with the SDK that the journal
 * plugin already brings (AWS SDK for Java v1): no second SDK.
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  public static AmazonDynamoDB create(DynamoDbSettings s) {
    AmazonDynamoDBClientBuilder builder = AmazonDynamoDBClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(s.effectiveEndpoint(), s.region()))
        .withClientConfiguration(new ClientConfiguration()
            .withRequestTimeout((int) s.requestTimeout().toMillis())
            .withClientExecutionTimeout((int) s.callTimeout().toMillis()))
        .withCredentials(s.hasStaticCredentials()
            ? new AWSStaticCredentialsProvider(new BasicAWSCredentials(s.accessKeyId(), s.secretAccessKey()))
            : DefaultAWSCredentialsProviderChain.getInstance());
    return builder.build();
  }
}
