package store

import (
	"context"

	"gorm.io/gorm"
)

type txKey struct{}

// InTransaction runs fn in one database transaction: the store methods that
// fn calls with the context it is given write inside it, and nothing of it
// is kept if fn fails. Called inside a transaction, fn joins that one.
//
// On SQLite, every store call inside fn must pass that context: the one
// connection is the transaction's until it ends.
func (s *Store) InTransaction(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// conn is the database for ctx: its transaction when InTransaction gave it
// one. Only the methods that take part in transactions use it.
func (s *Store) conn(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.WithContext(ctx)
	}
	return s.DB.WithContext(ctx)
}
