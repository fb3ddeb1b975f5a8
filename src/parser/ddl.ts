/**
 * Grammar rules for DDL: CREATE [TEMPORARY] TABLE (columns, computed and METADATA columns, WATERMARK, PRIMARY KEY,
 * PARTITIONED BY, WITH options, LIKE), CREATE VIEW, CREATE FUNCTION, DROP TABLE / VIEW, ALTER TABLE … SET.
 * Statements are built without their `text`; `index.ts` adds it from the source.
 */
import type { IToken } from 'chevrotain';
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type {
  AlterTableAction, ColumnDef, ColumnMetadata, ComputedColumnDef, Identifier, Statement, TableLike, TableLikeOption, TableOption,
  WatermarkDef,
} from './ast.js';
import { stringContent, tokenStart } from './lexer.js';
import { QueryRules } from './queries.js';
import * as T from './tokens.js';

/** A statement before its source text is attached. */
export type ParsedStatement = Statement extends infer S ? (S extends Statement ? Omit<S, 'text'> : never) : never;

type TableElement =
  | { readonly kind: 'column'; readonly column: ColumnDef | ComputedColumnDef }
  | { readonly kind: 'watermark'; readonly watermark: WatermarkDef }
  | { readonly kind: 'primary-key'; readonly columns: readonly Identifier[] };

export abstract class DdlRules extends QueryRules {
  protected createStatement = this.RULE('createStatement', (): ParsedStatement => {
    const create = this.CONSUME(T.Create);
    const temporary = this.OPTION(() => this.CONSUME(T.Temporary)) !== undefined;
    const system = this.OPTION2(() => this.CONSUME(T.SystemKeyword));
    const statement = this.OR([
      { ALT: () => this.SUBRULE(this.createTableBody, { ARGS: [create] }) },
      {
        ALT: () => {
          this.CONSUME(T.View);
          const ifNotExists = this.SUBRULE(this.ifNotExists);
          const name = this.SUBRULE(this.identifier);
          this.CONSUME(T.As);
          const query = this.SUBRULE(this.query);
          return this.ACTION(
            (): ParsedStatement => ({ kind: 'create-view', name, ifNotExists, query, position: tokenStart(create) }),
          );
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.FunctionKeyword);
          const ifNotExists = this.SUBRULE2(this.ifNotExists);
          const name = this.SUBRULE2(this.identifier);
          this.CONSUME2(T.As);
          const className = this.CONSUME(T.StringLiteral);
          const language = this.OPTION3(() => {
            this.CONSUME(T.Language);
            return this.SUBRULE3(this.identifier);
          });
          return this.ACTION((): ParsedStatement => ({
            kind: 'create-function',
            name,
            temporary,
            system: system !== undefined,
            ifNotExists,
            className: stringContent(className.image),
            classNamePosition: tokenStart(className),
            language: language === undefined ? null : language.name.toUpperCase(),
            languagePosition: language === undefined ? null : language.position,
            position: tokenStart(create),
          }));
        },
      },
    ]);
    return this.ACTION(() => {
      if (system !== undefined && statement.kind !== 'create-function') {
        throw new SqlSyntaxError("Unexpected 'SYSTEM'; only functions can be TEMPORARY SYSTEM", { position: tokenStart(system) });
      }
      return statement;
    });
  });

  protected ifNotExists = this.RULE('ifNotExists', (): boolean => {
    const written = this.OPTION(() => {
      this.CONSUME(T.If);
      this.CONSUME(T.Not);
      this.CONSUME(T.Exists);
      return true;
    });
    return written === true;
  });

  protected ifExists = this.RULE('ifExists', (): boolean => {
    const written = this.OPTION(() => {
      this.CONSUME(T.If);
      this.CONSUME(T.Exists);
      return true;
    });
    return written === true;
  });

  private createTableBody = this.RULE('createTableBody', (create: IToken): ParsedStatement => {
    this.CONSUME(T.Table);
    const ifNotExists = this.SUBRULE(this.ifNotExists);
    const name = this.SUBRULE(this.identifier);
    const elements: TableElement[] = [];
    const columnList = this.OPTION(() => {
      const open = this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({
        SEP: T.Comma,
        DEF: () => {
          const element = this.SUBRULE(this.tableElement);
          this.ACTION(() => elements.push(element));
        },
      });
      this.CONSUME(T.RParen);
      return open;
    });
    this.OPTION2(() => {
      this.CONSUME(T.Comment);
      this.CONSUME(T.StringLiteral);
    });
    const partitionedBy = this.OPTION3(() => {
      this.CONSUME(T.Partitioned);
      this.CONSUME(T.By);
      return this.SUBRULE(this.identifierList);
    });
    const options = this.OPTION4(() => {
      this.CONSUME(T.With);
      return this.SUBRULE(this.optionList);
    });
    const like = this.OPTION5(() => this.SUBRULE(this.tableLike));
    const asQuery = this.OPTION6(() => {
      const as = this.CONSUME(T.As);
      return { as, query: this.SUBRULE(this.query) };
    });
    return this.ACTION((): ParsedStatement => {
      if (columnList === undefined && like === undefined && asQuery === undefined) {
        throw new SqlSyntaxError(`CREATE TABLE ${name.name} needs a column list, LIKE <table> or AS <query>`, { position: name.position });
      }
      if (like !== undefined && asQuery !== undefined) {
        throw new SqlSyntaxError('CREATE TABLE … AS SELECT cannot also have LIKE', { position: tokenStart(asQuery.as) });
      }
      const columns: (ColumnDef | ComputedColumnDef)[] = [];
      let watermark: WatermarkDef | null = null;
      let primaryKey: readonly Identifier[] = [];
      for (const element of elements) {
        if (element.kind === 'column') columns.push(element.column);
        else if (element.kind === 'primary-key') primaryKey = element.columns;
        else if (watermark !== null) {
          throw new SqlSyntaxError('A table can have only one WATERMARK', { position: element.watermark.position });
        } else watermark = element.watermark;
      }
      const table = {
        kind: 'create-table' as const,
        name,
        ifNotExists,
        columns,
        watermark,
        primaryKey,
        options: options ?? [],
        position: tokenStart(create),
      };
      return {
        ...table,
        ...(partitionedBy === undefined ? {} : { partitionedBy }),
        ...(like === undefined ? {} : { like }),
        ...(asQuery === undefined ? {} : { asQuery: asQuery.query }),
      };
    });
  });

  /** `('k' = 'v', …)`. */
  protected optionList = this.RULE('optionList', (): TableOption[] => {
    const options: TableOption[] = [];
    this.CONSUME(T.LParen);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const key = this.CONSUME(T.StringLiteral);
        this.CONSUME(T.Equals);
        const value = this.CONSUME2(T.StringLiteral);
        this.ACTION(() => options.push({ key: stringContent(key.image), value: stringContent(value.image), position: tokenStart(key) }));
      },
    });
    this.CONSUME(T.RParen);
    return options;
  });

  private identifierList = this.RULE('identifierList', (): Identifier[] => {
    const names: Identifier[] = [];
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.SUBRULE(this.identifier);
        this.ACTION(() => names.push(name));
      },
    });
    this.CONSUME(T.RParen);
    return names;
  });

  /** `LIKE source [(INCLUDING ALL, EXCLUDING OPTIONS, OVERWRITING WATERMARKS, …)]`. */
  private tableLike = this.RULE('tableLike', (): TableLike => {
    const like = this.CONSUME(T.Like);
    const name = this.SUBRULE(this.identifier);
    const options: TableLikeOption[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      // Flink separates the options by whitespace (`EXCLUDING ALL INCLUDING GENERATED`); a comma is accepted too.
      this.AT_LEAST_ONE({
        DEF: () => {
          this.OPTION2(() => this.CONSUME(T.Comma));
          const mode = this.OR([
            { ALT: () => this.CONSUME(T.Including) },
            { ALT: () => this.CONSUME(T.Excluding) },
            { ALT: () => this.CONSUME(T.Overwriting) },
          ]);
          const what = this.OR2([
            { ALT: () => this.CONSUME(T.All) },
            { ALT: () => this.CONSUME(T.Watermarks) },
            { ALT: () => this.CONSUME(T.Metadata) },
            { ALT: () => this.CONSUME(T.Identifier) },
          ]);
          this.ACTION(() => options.push(likeOption(mode, what)));
        },
      });
      this.CONSUME(T.RParen);
    });
    return this.ACTION((): TableLike => ({ name, options, position: tokenStart(like) }));
  });

  private tableElement = this.RULE('tableElement', (): TableElement => {
    return this.OR([
      {
        ALT: () => {
          const start = this.CONSUME(T.Watermark);
          this.CONSUME(T.For);
          const column = this.SUBRULE(this.identifier);
          this.CONSUME(T.As);
          const expr = this.SUBRULE(this.expression);
          return this.ACTION((): TableElement => ({ kind: 'watermark', watermark: { column, expr, position: tokenStart(start) } }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Primary);
          this.CONSUME(T.Key);
          const columns = this.SUBRULE(this.identifierList);
          this.CONSUME(T.Not);
          this.CONSUME(T.Enforced);
          return this.ACTION((): TableElement => ({ kind: 'primary-key', columns }));
        },
      },
      {
        ALT: () => {
          const name = this.SUBRULE3(this.identifier);
          const column = this.OR2([
            {
              ALT: () => {
                this.CONSUME2(T.As);
                const expr = this.SUBRULE2(this.expression);
                return this.ACTION((): ComputedColumnDef => ({ kind: 'computed-column', name, expr, position: name.position }));
              },
            },
            {
              ALT: () => {
                const type = this.SUBRULE(this.typeName);
                const metadata = this.OPTION(() => this.SUBRULE(this.columnMetadata));
                const comment = this.OPTION2(() => {
                  this.CONSUME(T.Comment);
                  return this.CONSUME(T.StringLiteral);
                });
                return this.ACTION((): ColumnDef => {
                  const column: ColumnDef = {
                    kind: 'physical-column',
                    name,
                    type,
                    comment: comment === undefined ? null : stringContent(comment.image),
                    position: name.position,
                  };
                  return metadata === undefined ? column : { ...column, metadata };
                });
              },
            },
          ]);
          return this.ACTION((): TableElement => ({ kind: 'column', column }));
        },
      },
    ]);
  });

  /** `METADATA [FROM 'key'] [VIRTUAL]`. */
  private columnMetadata = this.RULE('columnMetadata', (): ColumnMetadata => {
    const start = this.CONSUME(T.Metadata);
    const key = this.OPTION(() => {
      this.CONSUME(T.From);
      return this.CONSUME(T.StringLiteral);
    });
    const virtual = this.OPTION2(() => this.CONSUME(T.Virtual)) !== undefined;
    return this.ACTION((): ColumnMetadata => ({
      key: key === undefined ? null : stringContent(key.image),
      virtual,
      position: tokenStart(start),
    }));
  });

  protected dropStatement = this.RULE('dropStatement', (): ParsedStatement => {
    const drop = this.CONSUME(T.Drop);
    const temporary = this.OPTION3(() => this.CONSUME(T.Temporary));
    const system = this.OPTION4(() => this.CONSUME(T.SystemKeyword));
    const statement = this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Table);
          const ifExists = this.SUBRULE(this.ifExists);
          const name = this.SUBRULE(this.identifier);
          return this.ACTION((): ParsedStatement => ({ kind: 'drop-table', name, ifExists, position: tokenStart(drop) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.View);
          const ifExists = this.SUBRULE2(this.ifExists);
          const name = this.SUBRULE2(this.identifier);
          return this.ACTION((): ParsedStatement => ({ kind: 'drop-view', name, ifExists, position: tokenStart(drop) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.FunctionKeyword);
          const ifExists = this.SUBRULE3(this.ifExists);
          const name = this.SUBRULE3(this.identifier);
          return this.ACTION((): ParsedStatement => ({
            kind: 'drop-function', name, ifExists, temporary: temporary !== undefined, system: system !== undefined, position: tokenStart(drop),
          }));
        },
      },
    ]);
    return this.ACTION(() => {
      // As before: TEMPORARY only for views and functions, SYSTEM only for functions.
      if (temporary !== undefined && statement.kind === 'drop-table') {
        throw new SqlSyntaxError("Unexpected 'TEMPORARY'; only views and functions are dropped as TEMPORARY here", { position: tokenStart(temporary) });
      }
      if (system !== undefined && statement.kind !== 'drop-function') {
        throw new SqlSyntaxError("Unexpected 'SYSTEM'; only functions can be TEMPORARY SYSTEM", { position: tokenStart(system) });
      }
      return statement;
    });
  });

  /** `ALTER TABLE [IF EXISTS] t SET ('k' = 'v', …)`, `… RESET ('k', …)`, `… RENAME TO t2`. */
  protected alterStatement = this.RULE('alterStatement', (): ParsedStatement => {
    const alter = this.CONSUME(T.Alter);
    this.CONSUME(T.Table);
    const ifExists = this.SUBRULE(this.ifExists);
    const name = this.SUBRULE(this.identifier);
    const action = this.OR([
      {
        ALT: (): AlterTableAction => {
          this.CONSUME(T.SetKeyword);
          return { kind: 'set', options: this.SUBRULE(this.optionList) };
        },
      },
      {
        ALT: (): AlterTableAction => {
          this.CONSUME(T.Reset);
          const keys: { key: string; position: SourcePosition }[] = [];
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const key = this.CONSUME(T.StringLiteral);
              this.ACTION(() => keys.push({ key: stringContent(key.image), position: tokenStart(key) }));
            },
          });
          this.CONSUME(T.RParen);
          return { kind: 'reset', keys };
        },
      },
      {
        ALT: (): AlterTableAction => {
          this.CONSUME(T.Rename);
          this.CONSUME(T.To);
          return { kind: 'rename', to: this.SUBRULE2(this.identifier) };
        },
      },
    ]);
    return this.ACTION((): ParsedStatement => ({ kind: 'alter-table', name, ifExists, action, position: tokenStart(alter) }));
  });
}

function likeOption(mode: IToken, what: IToken): TableLikeOption {
  const written = what.image.toUpperCase();
  const allowed = ['ALL', 'CONSTRAINTS', 'PARTITIONS', 'GENERATED', 'OPTIONS', 'WATERMARKS', 'METADATA'];
  if (!allowed.includes(written)) {
    throw new SqlSyntaxError(`Unexpected '${what.image}'; expected ${allowed.slice(0, -1).join(', ')} or METADATA`, {
      position: tokenStart(what),
    });
  }
  return { mode: mode.image.toUpperCase() as TableLikeOption['mode'], what: written };
}
