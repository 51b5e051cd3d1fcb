/**
 * The mingo the engine uses: its own operators, with the ones written here where mingo departs
 * from MongoDB put in their place. mingo's extension point is a Context of operators; its default
 * entry point merges a caller's Context under its own (its operators win), so the engine builds the
 * whole Context itself from mingo's operator modules and uses the Aggregator and Query classes
 * that take it as given. No fork: every other operator is mingo's.
 */
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { DATE_OPERATORS } from './expr-dates';
import { STRING_OPERATORS } from './expr-strings';

const CONTEXT = Context.init({
  accumulator,
  expression: { ...expression, ...STRING_OPERATORS, ...DATE_OPERATORS },
  pipeline,
  projection,
  query,
  window,
});

const withContext = (options: Partial<Options>): Partial<Options> => ({ idKey: '_id', ...options, context: CONTEXT });

export class Aggregator extends BaseAggregator {
  constructor(pipelineStages: AnyObject[], options: Partial<Options> = {}) {
    super(pipelineStages, withContext(options));
  }
}

export class Query extends BaseQuery {
  constructor(condition: AnyObject, options: Partial<Options> = {}) {
    super(condition, withContext(options));
  }
}
